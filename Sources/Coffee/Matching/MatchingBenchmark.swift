import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The matching benchmark behind `percolator bench matching`: synthetic populations of
/// 20 departments with skewed sizes, a `differentValue(department)` rule and a
/// 12-session history, matched once in pairs and once in groups of 4.
///
/// The history is synthetic (each past session is a seeded random grouping of the same
/// size), which is what a run of the engine looks like to the next one when history is
/// sparse, and costs nothing to build. Only the engine run is timed.
public enum MatchingBenchmark {
    /// One measured run.
    public struct Row: Sendable {
        /// Participants.
        public var size: Int
        /// g.
        public var groupSize: Int
        /// The algorithm that grouped them.
        public var algorithm: MatchingAlgorithm
        /// Wall-clock time of the engine run.
        public var elapsed: Duration
        /// CPU time of the engine run on the calling thread, or nil where unavailable.
        /// On a shared machine it is the fairer figure: wall time includes waiting for
        /// a core.
        public var cpuTime: Duration?
        /// Pairs that met inside the repeat window.
        public var repeatsInsideWindow: Int
        /// Share of pairs inside groups from different departments, in 0…1.
        public var differentValueSatisfaction: Double
        /// Participants left without a group.
        public var unmatched: Int
        /// The process's peak resident memory (VmHWM) after the run, in bytes, or nil
        /// where /proc is unavailable.
        public var peakResidentBytes: Int?
    }

    /// The number of past sessions in the synthetic history.
    public static let historySessions = 12
    /// The number of departments.
    public static let departmentCount = 20

    /// Runs every size with pairs and with groups of 4; returns printable lines.
    public static func run(sizes: [Int] = [1_000, 10_000, 100_000]) -> String {
        var lines = ["size\tg\talgorithm\tms\tcpu ms\trepeats\tdifferentValue%\tunmatched\tpeakRSS MB"]
        for size in sizes {
            for groupSize in [2, 4] {
                let row = measure(size: size, groupSize: groupSize)
                let ms = milliseconds(row.elapsed)
                let cpu = row.cpuTime.map { String(format: "%.1f", milliseconds($0)) } ?? "?"
                let rss = row.peakResidentBytes.map { String(format: "%.0f", Double($0) / 1_048_576) } ?? "?"
                lines.append("\(row.size)\t\(row.groupSize)\t\(row.algorithm.rawValue)\t"
                    + String(format: "%.1f", ms) + "\t\(cpu)\t\(row.repeatsInsideWindow)\t"
                    + String(format: "%.1f", row.differentValueSatisfaction * 100) + "\t\(row.unmatched)\t\(rss)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Measures one session of `size` participants in groups of `groupSize`.
    public static func measure(size: Int, groupSize: Int, seed: UInt64 = 2_026) -> Row {
        let input = makeInput(size: size, groupSize: groupSize, seed: seed)
        let cpuStart = ThreadCPUClock.now()
        let result = MatchingEngine.run(input)
        let cpuEnd = ThreadCPUClock.now()
        let cpuTime: Duration? = if let cpuStart, let cpuEnd { cpuEnd - cpuStart } else { nil }
        return Row(size: size, groupSize: groupSize,
                   algorithm: result.statistics.algorithms.first ?? .greedy,
                   elapsed: result.statistics.elapsed,
                   cpuTime: cpuTime,
                   repeatsInsideWindow: result.statistics.repeatsInsideWindow,
                   differentValueSatisfaction: result.statistics.ruleSatisfaction.first?.ratio ?? 1,
                   unmatched: result.unmatched.count,
                   peakResidentBytes: peakResidentBytes())
    }

    /// The benchmark's input for `size` participants in groups of `groupSize`: the
    /// population, the `differentValue(department)` rule and the 12-session history.
    public static func makeInput(size: Int, groupSize: Int, seed: UInt64 = 2_026) -> MatchingInput {
        var rng = SeededGenerator(seed: seed)
        let participants = population(size: size, rng: &rng)
        var history = MatchHistory()
        var ids = participants.map(\.id)
        for _ in 0..<historySessions {
            rng.shuffle(&ids)
            var groups: [[ParticipantID]] = []
            groups.reserveCapacity(size / groupSize)
            var start = 0
            while start + groupSize <= ids.count {
                groups.append(Array(ids[start..<(start + groupSize)]))
                start += groupSize
            }
            history.record(session: groups)
        }
        let configuration = MatchingConfiguration(groupSize: groupSize,
                                                  rules: [.differentValue(category: "department")])
        return MatchingInput(participants: participants, configuration: configuration,
                             history: history, seed: seed)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }

    /// `size` participants over 20 departments whose sizes fall off as 1/(k + 1).
    static func population(size: Int, rng: inout SeededGenerator) -> [Participant] {
        let weights = (0..<departmentCount).map { 1.0 / Double($0 + 1) }
        let total = weights.reduce(0, +)
        var cumulative: [Double] = []
        var sum = 0.0
        for weight in weights {
            sum += weight / total
            cumulative.append(sum)
        }
        return (0..<size).map { index in
            let draw = Double(rng.next() >> 11) / Double(1 << 53)
            let department = cumulative.firstIndex { draw < $0 } ?? (departmentCount - 1)
            return Participant(id: ParticipantID("member-\(index)"),
                               categoryValues: ["department": ["department-\(department)"]])
        }
    }

    /// VmHWM from /proc/self/status, in bytes (the process's peak resident memory), or
    /// nil where /proc is unavailable.
    public static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first
            return kilobytes.map { $0 * 1_024 }
        }
        return nil
    }
}

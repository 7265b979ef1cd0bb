import Foundation
import Testing
@testable import Coffee

@Suite("Matching engine — reproducibility")
struct MatchingDeterminismTests {
    /// FNV-1a over the groups' member ids: stable across processes and platforms,
    /// unlike `Hasher`.
    static func digest(_ results: [MatchingResult]) -> String {
        var digest: UInt64 = 0xCBF2_9CE4_8422_2325
        func feed(_ text: String) {
            for byte in text.utf8 { digest = (digest ^ UInt64(byte)) &* 0x100_0000_01B3 }
        }
        for result in results {
            for group in result.groups {
                feed(group.members.map(\.rawValue).joined(separator: ","))
                feed(";")
            }
        }
        return String(digest, radix: 16)
    }

    /// The output for fixed inputs is pinned. A change to the engine that changes it
    /// must bump `Coffee.engineVersion` (stored sessions name the version that made
    /// them) and then update this digest. The same value comes out of release builds.
    @Test("fixed inputs give the pinned groups (update with Coffee.engineVersion)")
    func pinnedOutput() async {
        // Without the wall-clock cap: on a loaded machine a debug build can reach it, and
        // a run cut short by time is not the run this pins (the cap is tested below).
        let results = await offPool {
            [(300, 2), (300, 3), (1_200, 4)].map { size, groupSize in
                var input = MatchingBenchmark.makeInput(size: size, groupSize: groupSize)
                input.configuration.repairTimeLimit = nil
                return MatchingEngine.run(input)
            }
        }
        #expect(Self.digest(results) == "eb4375e9daf45013")
    }

    @Test("the wall-clock cap changes nothing when it is not hit")
    func capNotHit() {
        var input = MatchingBenchmark.makeInput(size: 400, groupSize: 4)
        let capped = MatchingEngine.run(input)
        input.configuration.repairTimeLimit = nil
        let uncapped = MatchingEngine.run(input)
        #expect(!uncapped.statistics.repairStoppedByTimeLimit)
        // On a heavily loaded machine a debug build can reach the cap; the result says so.
        #expect(capped.statistics.repairStoppedByTimeLimit || capped.groups == uncapped.groups)
    }

    @Test("when the cap is hit the repair stops early and the result is still valid")
    func capHit() {
        let input = MatchingBenchmark.makeInput(size: 400, groupSize: 4)
        let clock = MatchingTestClock(step: .seconds(3_600))
        let result = MatchingEngine.run(input, clock: clock)
        #expect(result.statistics.elapsed >= .seconds(3_600))
        #expect(result.statistics.repairStoppedByTimeLimit, "a run cut short says so, since its seed alone does not reproduce it")
        #expect(MatchingEngineTests.violations(input, result) == nil)
        #expect(result.statistics.repeatsInsideWindow == 0)
    }

    @Test("statistics stored before the time-limit flag existed still decode, as not stopped")
    func decodesOlderStatistics() throws {
        let result = MatchingEngine.run(MatchingBenchmark.makeInput(size: 50, groupSize: 2))
        let encoded = try JSONEncoder().encode(result.statistics)
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        object.removeValue(forKey: "repairStoppedByTimeLimit")
        let older = try JSONSerialization.data(withJSONObject: object)
        let decoded = try JSONDecoder().decode(MatchingStatistics.self, from: older)
        #expect(decoded == result.statistics)
    }
}

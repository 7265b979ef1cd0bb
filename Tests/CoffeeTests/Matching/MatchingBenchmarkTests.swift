import Foundation
import Testing
@testable import Coffee

@Suite("Matching benchmark")
struct MatchingBenchmarkTests {
    @Test("a small benchmark run reports every size and group size")
    func smallRun() {
        let report = MatchingBenchmark.run(sizes: [60])
        #expect(report.split(separator: "\n").count == 3)
        let row = MatchingBenchmark.measure(size: 200, groupSize: 4)
        #expect(row.unmatched == 0 && row.repeatsInsideWindow == 0)
    }

    /// Prints the full benchmark when `PERCOLATOR_BENCH=1` (no timing assertions).
    @Test("full benchmark (PERCOLATOR_BENCH=1)",
          .enabled(if: ProcessInfo.processInfo.environment["PERCOLATOR_BENCH"] == "1"))
    func fullBenchmark() {
        let sizes = ProcessInfo.processInfo.environment["PERCOLATOR_BENCH_SIZES"]?
            .split(separator: ",").compactMap { Int($0) } ?? [1_000, 10_000, 100_000]
        print(MatchingBenchmark.run(sizes: sizes))
    }
}

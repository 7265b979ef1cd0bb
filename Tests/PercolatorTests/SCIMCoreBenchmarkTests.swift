import Testing
@testable import Percolator

@Suite("SCIM core benchmark — output shape only, no timing")
struct SCIMCoreBenchmarkTests {
    @Test("reports one line per case in the 'name: N ops/s, X µs/op' form, every case doing real work")
    func reportsEveryCase() {
        let lines = SCIMCoreBenchmark.run(iterations: 3).split(separator: "\n")
        #expect(lines.count == 12)  // 5 core cases, 7 of the write path (SCIMWriteBenchmark)
        for line in lines {
            #expect(line.contains(": ") && line.contains(" ops/s, ") && line.hasSuffix(" µs/op"), "\(line)")
            #expect(!line.contains("failed"), "\(line)")
        }
    }
}

import Testing
@testable import Store

@Suite("Store benchmark — runs, no timing assertions")
struct StoreBenchmarkTests {
    @Test("a tiny run reports one line per measurement")
    func smallRun() async throws {
        let report = try await StoreBenchmark.run(inserts: 20, selects: 100, concurrency: 4)
        let lines = report.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("insert:") && lines[2].hasPrefix("select:"))
    }
}

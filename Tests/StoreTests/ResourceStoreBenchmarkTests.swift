import Foundation
import Testing
@testable import Store

@Suite("ResourceStoreBenchmark")
struct ResourceStoreBenchmarkTests {
    /// A smoke run, or the full one with `PERCOLATOR_BENCH_USERS=100000` (release build);
    /// it prints figures and asserts only that every line is there.
    @Test("runs and reports every measurement")
    func runs() async throws {
        let users = ProcessInfo.processInfo.environment["PERCOLATOR_BENCH_USERS"].flatMap(Int.init) ?? 200
        let report = try await ResourceStoreBenchmark.run(users: users)
        print(report)
        #expect(report.contains("create user:") && report.contains("get by id:") && report.contains("modify"))
        #expect(report.contains("rss:"))
    }

    /// The same smoke run on the PostgreSQL test server (skipped without one).
    @Test("runs on PostgreSQL too")
    func runsOnPostgres() async throws {
        try await withPostgresSchema { url in
            let report = try await ResourceStoreBenchmark.run(users: 200, postgresURL: url)
            print(report)
            #expect(report.contains("PostgreSQL") && report.contains("create user:") && report.contains("modify"))
        }
    }
}

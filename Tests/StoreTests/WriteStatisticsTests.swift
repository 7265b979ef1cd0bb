import Foundation
import Testing
@testable import Store

/// The group-commit writer's counters (`/metrics`, read by scripts/bench-scim.sh to say
/// what bounds a write's rate): every request counted once, in a transaction whose size
/// bucket is counted, with the time of its phases.
@Suite("WriteStatistics — the group-commit writer's counters")
struct WriteStatisticsTests {
    @Test("batch sizes fall in their buckets", arguments: [(1, 0), (2, 1), (3, 1), (4, 2), (15, 3), (16, 4), (31, 4), (32, 5), (64, 5)])
    func buckets(size: Int, bucket: Int) {
        var statistics = WriteStatistics()
        statistics.record(size: size, handoff: .microseconds(5), body: .milliseconds(1), commit: .milliseconds(2),
                          bodyCPU: .microseconds(800), commitCPU: .microseconds(300))
        var expected = Array(repeating: UInt64(0), count: WriteStatistics.batchSizeBounds.count)
        expected[bucket] = 1
        #expect(statistics.batchSizes == expected)
        #expect(statistics.transactions == 1 && statistics.requests == UInt64(size))
        #expect(statistics.handoffNanoseconds == 5_000 && statistics.bodyNanoseconds == 1_000_000
                && statistics.commitNanoseconds == 2_000_000)
        #expect(statistics.bodyCPUNanoseconds == 800_000 && statistics.commitCPUNanoseconds == 300_000)
    }

    @Test("concurrent writes: every request counted once, in as many transactions as the batcher wrote, each with its WAL pages")
    func counted() async throws {
        try await withTemporaryPath { path in
            let database = try SQLiteDatabase(path: path)
            try await database.write { db in try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY) STRICT") }
            let batcher = WriteBatcher(database: database, maxBatchSize: 16)
            #expect(batcher.statistics == WriteStatistics())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<100 {
                    group.addTask { try await batcher.write { db in try db.execute("INSERT INTO t (id) VALUES (?)", index) } }
                }
                try await group.waitForAll()
            }
            let statistics = batcher.statistics
            #expect(statistics.requests == 100)
            #expect(statistics.transactions == UInt64(batcher.transactionCount))
            #expect(statistics.batchSizes.reduce(0, +) == statistics.transactions)
            #expect(statistics.commitNanoseconds > 0 && statistics.bodyNanoseconds > 0)
            // The writer thread's CPU clock: some CPU in each phase, never more than the phase's
            // wall time (1 ms per transaction of slack for the two clocks' granularity).
            let slack = statistics.transactions * 1_000_000
            #expect(statistics.bodyCPUNanoseconds > 0 && statistics.bodyCPUNanoseconds <= statistics.bodyNanoseconds + slack)
            #expect(statistics.commitCPUNanoseconds > 0 && statistics.commitCPUNanoseconds <= statistics.commitNanoseconds + slack)
            // Every durable request was answered by a flush of the log, each flush by a round.
            #expect(statistics.syncedRequests == 100)
            #expect(statistics.syncRounds >= 1 && statistics.syncRounds <= statistics.transactions)
            #expect(statistics.syncNanoseconds > 0)
            // Every commit that inserted a row wrote at least that table's page to the WAL.
            #expect(statistics.walPages >= statistics.transactions)
        }
    }
}

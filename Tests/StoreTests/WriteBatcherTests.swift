import Foundation
import Testing
@testable import Store

@Suite("WriteBatcher — group commit with per-request savepoints")
struct WriteBatcherTests {
    struct Refused: Error, Equatable { let index: Int }

    private func withBatcher(_ body: (SQLiteDatabase, WriteBatcher, String) async throws -> Void) async throws {
        try await withTemporaryPath { path in
            let database = try SQLiteDatabase(path: path)
            try await database.write { db in
                try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT")
            }
            try await body(database, WriteBatcher(database: database, maxBatchSize: 16), path)
        }
    }

    private func count(_ database: SQLiteDatabase) async throws -> Int {
        try await database.read { db in try db.queryOne("SELECT count(*) FROM t") { $0.int(0) } ?? 0 }
    }

    @Test("concurrent requests share transactions; a failing one rolls back only itself")
    func failuresAreIsolated() async throws {
        try await withBatcher { database, batcher, _ in
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        do {
                            try await batcher.write { db in
                                try db.execute("INSERT INTO t (id, name) VALUES (?, ?)", index, "n\(index)")
                                if index % 7 == 0 { throw Refused(index: index) }
                                // A unique violation is a failing request too.
                                if index % 11 == 0 { try db.execute("INSERT INTO t (name) VALUES (?)", "n\(index)") }
                            }
                            return (index, true)
                        } catch let refused as Refused {
                            #expect(refused.index == index)
                            return (index, false)
                        } catch let error as StoreError {
                            #expect(error.code == .constraintUnique)
                            return (index, false)
                        }
                    }
                }
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            let succeeded = outcomes.filter(\.value).keys.sorted()
            #expect(succeeded == (0..<200).filter { $0 % 7 != 0 && $0 % 11 != 0 })
            let stored = try await database.read { db in try db.query("SELECT id FROM t ORDER BY id") { $0.int(0) } }
            #expect(stored == succeeded)
            #expect(batcher.transactionCount < 200)
        }
    }

    @Test("each request's SAVEPOINT and RELEASE are prepared once and reused, not parsed per request")
    func savepointsAreCached() async throws {
        try await withBatcher { _, batcher, _ in
            try await batcher.write { db in try db.execute("INSERT INTO t (name) VALUES (?)", "first") }
            let cached = try await batcher.write { db in (db.isCached("SAVEPOINT request"), db.isCached("RELEASE request")) }
            #expect(cached == (true, true))
        }
    }

    @Test("each acknowledged write is committed: a reader on another connection sees it at once")
    func resultsAfterCommit() async throws {
        try await withBatcher { database, batcher, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<64 {
                    group.addTask {
                        let id = try await batcher.write { db -> Int64 in
                            try db.execute("INSERT INTO t (name) VALUES (?)", "n\(index)")
                            return db.lastInsertRowID
                        }
                        let seen = try await database.read { db in
                            try db.queryOne("SELECT name FROM t WHERE id = ?", id) { $0.string(0) }
                        }
                        #expect(seen == "n\(index)")
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test("a crash after acknowledgement loses nothing: a copy of the files taken without closing has every row")
    func acknowledgedWritesSurviveCrash() async throws {
        try await withBatcher { database, batcher, path in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<100 {
                    group.addTask { try await batcher.write { db in try db.execute("INSERT INTO t (name) VALUES (?)", "n\(index)") } }
                }
                try await group.waitForAll()
            }
            // Snapshot the database and its WAL as a crash would leave them (no checkpoint, no close).
            let copy = path + ".crash"
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
            let recovered = try Connection(path: copy)
            #expect(try recovered.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 100)
            _ = database
        }
    }

    @Test("a failed sync of the log fails the callers it would have answered and every write after it; readiness says so")
    func failedSyncStopsWrites() async throws {
        try await withBatcher { database, batcher, _ in
            let syncer = try #require(database.walSyncer)
            try await batcher.write { db in try db.execute("INSERT INTO t (name) VALUES ('before')") }
            try await database.checkWritable()
            syncer.failNextRounds(1)
            await #expect(throws: StoreError.self) {
                try await batcher.write { db in try db.execute("INSERT INTO t (name) VALUES ('unsynced')") }
            }
            let later = await #expect(throws: StoreError.self) {
                try await batcher.write { db in try db.execute("INSERT INTO t (name) VALUES ('later')") }
            }
            #expect(later.map { ResultCode.ioError ~= $0 } == true, "an I/O error: 503, not a request's fault")
            #expect(database.writeHealth.condition == .unavailable)
            await #expect(throws: StoreError.self) { try await database.checkWritable() }
            #expect(try await database.read { db in
                try db.queryOne("SELECT count(*) FROM t WHERE name = 'later'") { $0.int(0) }
            } == 0, "nothing is written after the failed sync")
        }
    }

    @Test("a lone request is not delayed and returns its value")
    func loneRequest() async throws {
        try await withBatcher { database, batcher, _ in
            let value = try await batcher.write { db -> String in
                try db.execute("INSERT INTO t (name) VALUES ('one')")
                return "done"
            }
            #expect(value == "done")
            #expect(try await count(database) == 1)
            #expect(batcher.transactionCount == 1)
        }
    }

    @Test("""
        a staged request commits without a flush of its own; a batch holding any durable request is answered only \
        after the syncer flushed the log; the writer's own COMMIT never waits for the disk
        """)
    func stagedRequestsDoNotFlush() async throws {
        try await withBatcher { database, batcher, _ in
            let syncer = try #require(database.walSyncer)
            // PRAGMA synchronous inside the transaction: 1 = NORMAL (WAL: no flush at commit), 2 = FULL.
            let synchronous: @Sendable (Connection) throws -> String? = { db in try db.pragma("synchronous") }
            let before = syncer.completedRounds
            #expect(try await batcher.write(durable: false, synchronous) == "1")
            #expect(syncer.completedRounds == before, "a staged request waits for no flush")
            let rounds: @Sendable (Connection) throws -> Int = { _ in syncer.completedRounds }
            let seenInBody = try await batcher.write(rounds)
            #expect(syncer.completedRounds > seenInBody, "a round that started after the commit synced the log first")
            #expect(try await batcher.write(synchronous) == "1", "the COMMIT itself does not flush")
            // Held behind a request that waits, a staged and a durable request share the next
            // transaction: the staged one is answered with the durable one, after the flush.
            let started = AsyncStream<Void>.makeStream()
            let gate = DispatchSemaphore(value: 0)
            async let first: Void = batcher.write { _ in started.continuation.yield(); gate.wait() }
            var startedIterator = started.stream.makeAsyncIterator()
            await startedIterator.next()
            async let staged = batcher.write(durable: false, synchronous)
            async let durable = batcher.write { db in try db.execute("INSERT INTO t (name) VALUES ('d')") }
            while batcher.pendingCount < 2 { try await Task.sleep(for: .milliseconds(5)) }
            let roundsBefore = syncer.completedRounds
            gate.signal()
            try await first
            #expect(try await staged == "1")
            try await durable
            #expect(syncer.completedRounds > roundsBefore)
            // A write outside the batcher still commits with the connection's own FULL.
            #expect(try await database.write(synchronous) == "2")
        }
    }

    @Test("the callers of one batch are resumed together on one reader's thread, not each woken on its own")
    func batchResumedOnOneReader() async throws {
        try await withBatcher { database, batcher, _ in
            guard let executor = database.readerTaskExecutor else {
                Issue.record("a database on a file has readers")
                return
            }
            let started = AsyncStream<Void>.makeStream()
            let gate = DispatchSemaphore(value: 0)
            async let first: Void = batcher.write { _ in started.continuation.yield(); gate.wait() }
            var startedIterator = started.stream.makeAsyncIterator()
            await startedIterator.next()
            let callers = (0..<8).map { index in
                Task(executorPreference: executor) { () async throws -> String? in
                    try await batcher.write { db in try db.execute("INSERT INTO t (name) VALUES (?)", "r\(index)") }
                    return DispatchQueueExecutor.currentLabel
                }
            }
            while batcher.pendingCount < callers.count { try await Task.sleep(for: .milliseconds(5)) }
            gate.signal()
            try await first
            var labels = Set<String?>()
            for caller in callers { labels.insert(try await caller.value) }
            #expect(labels.count == 1)
            #expect(labels.first??.hasPrefix("percolator.store.reader.") == true)
            #expect(try await count(database) == callers.count)
        }
    }
}

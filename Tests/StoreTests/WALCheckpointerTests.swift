import Dispatch
import Foundation
import Testing
@testable import Store

@Suite("WALCheckpointer — the log is checkpointed off the writer's commits")
struct WALCheckpointerTests {
    private func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// Frames in the log and frames checkpointed, read on a connection of the test's own.
    private func logFrames(_ path: String) throws -> (log: Int, checkpointed: Int) {
        let connection = try Connection(path: path)
        let row = try connection.queryOne("PRAGMA wal_checkpoint(PASSIVE)") { ($0.int(1), $0.int(2)) }
        return row ?? (-1, -1)
    }

    /// Holds the checkpointer's queue until the returned semaphore is signalled.
    private func holdCheckpointer(_ database: SQLiteDatabase) throws -> DispatchSemaphore {
        let checkpointer = try #require(database.checkpointer)
        let release = DispatchSemaphore(value: 0)
        checkpointer.connection.enqueue { _ in release.wait() }
        return release
    }

    /// A database at `path` whose checkpointer starts at `threshold` log pages and whose
    /// writer checkpoints itself past `highMark` (the default when `nil`), with a table `t`.
    private func openDatabase(at path: String, threshold: Int, spacing: Int = 1, highMark: Int? = nil) async throws -> SQLiteDatabase {
        var configuration = SQLiteDatabase.Configuration()
        configuration.checkpointThresholdPages = threshold
        configuration.checkpointSpacingPages = spacing
        if let highMark { configuration.checkpointHighMarkPages = highMark }
        let database = try SQLiteDatabase(path: path, configuration: configuration)
        try await database.write { try $0.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB) STRICT") }
        return database
    }

    /// `transactions` commits of about 11 log pages each (a 40 kB blob).
    private func fill(_ database: SQLiteDatabase, transactions: Int) async throws {
        for _ in 0..<transactions {
            try await database.write { try $0.execute("INSERT INTO t (b) VALUES (zeroblob(40000))") }
        }
    }

    @Test("the writer's connection has no automatic checkpoint (it was SQLite's 1,000 pages)")
    func writerDoesNotCheckpoint() async throws {
        try await withTemporaryPath { path in
            let database = try SQLiteDatabase(path: path)
            let setting = try await database.write { try $0.pragma("wal_autocheckpoint") }
            #expect(setting == "0")
            #expect(database.checkpointer != nil)
        }
    }

    @Test("an in-memory database has no checkpointer")
    func memoryHasNone() throws {
        #expect(try SQLiteDatabase(path: ":memory:").checkpointer == nil)
    }

    @Test("past the threshold the background checkpoints the log; the writer's commits copy nothing into the file")
    func backgroundCheckpoints() async throws {
        try await withTemporaryPath { path in
            let database = try await openDatabase(at: path, threshold: 100)
            let release = try holdCheckpointer(database)
            let before = try fileSize(path)
            // About 1,300 pages: past SQLite's own automatic checkpoint, far past the threshold.
            try await fill(database, transactions: 120)
            #expect(try fileSize(path) == before, "the writer copied pages into the database file")
            #expect(database.checkpointer?.backgroundCheckpoints == 0)
            release.signal()
            let checkpointer = try #require(database.checkpointer)
            for _ in 0..<500 where checkpointer.backgroundCheckpoints == 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(checkpointer.backgroundCheckpoints >= 1)
            #expect(checkpointer.writerCheckpoints == 0)
            // What /metrics shows: the batcher's statistics carry the checkpointer's counts.
            let statistics = WriteBatcher(database: database).statistics
            #expect(statistics.backgroundCheckpoints == UInt64(checkpointer.backgroundCheckpoints))
            #expect(statistics.writerCheckpoints == 0 && statistics.failedCheckpoints == 0)
            #expect(try fileSize(path) > before + 1_000_000)
            // The next commit starts the log over: its frames fall back under the threshold.
            try await fill(database, transactions: 1)
            let frames = try logFrames(path)
            #expect(frames.log < 100, "log frames \(frames.log)")
            #expect(try await database.read { try $0.queryOne("SELECT count(*) FROM t") { $0.int(0) } } == 121)
        }
    }

    @Test("background checkpoints past the threshold are spaced by the spacing's worth of new log, not one per commit",
          arguments: [1, 100])
    func spaced(_ spacing: Int) async throws {
        try await withTemporaryPath { path in
            let database = try await openDatabase(at: path, threshold: 100, spacing: spacing)
            let checkpointer = try #require(database.checkpointer)
            // A reader on the latest snapshot after each commit keeps the log from starting
            // over, as the readers and the next writes do under load.
            let reader = try Connection(path: path)
            // 300 commits of about 11 pages each, the checkpointer free to run after each:
            // one per commit past the threshold would be about 290.
            for _ in 0..<300 {
                try await fill(database, transactions: 1)
                if !reader.isAutocommit { try reader.execute("COMMIT") }
                try reader.execute("BEGIN")
                _ = try reader.queryOne("SELECT count(*) FROM t") { $0.int(0) }
                // Let an asked-for checkpoint finish before the next commit.
                for _ in 0..<100 where checkpointer.isRunning { try await Task.sleep(for: .milliseconds(1)) }
            }
            try reader.execute("COMMIT")
            #expect(try logFrames(path).log > 3_000, "the log started over")
            if spacing == 1 {
                #expect(checkpointer.backgroundCheckpoints >= 250, "one per commit past the threshold")
            } else {
                #expect(checkpointer.backgroundCheckpoints >= 10)
                #expect(checkpointer.backgroundCheckpoints <= 300 * 12 / spacing,
                        "\(checkpointer.backgroundCheckpoints) background checkpoints for about 3,300 log pages")
            }
            #expect(checkpointer.writerCheckpoints == 0)
            #expect(try await database.read { try $0.queryOne("SELECT count(*) FROM t") { $0.int(0) } } == 300)
        }
    }

    @Test("when the background cannot keep up, the writer checkpoints past the high mark")
    func writerBackstop() async throws {
        try await withTemporaryPath { path in
            let database = try await openDatabase(at: path, threshold: 20, highMark: 200)
            let release = try holdCheckpointer(database)
            defer { release.signal() }
            let before = try fileSize(path)
            try await fill(database, transactions: 40)
            let checkpointer = try #require(database.checkpointer)
            #expect(checkpointer.writerCheckpoints >= 1)
            #expect(try fileSize(path) > before)
            #expect(try logFrames(path).log < 300)
        }
    }

    @Test("a crash while the background checkpoints loses no acknowledged write: a copy of the files has every row")
    func crashKeepsAcknowledgedWrites() async throws {
        try await withTemporaryPath { path in
            let database = try await openDatabase(at: path, threshold: 30, highMark: 400)
            let batcher = WriteBatcher(database: database, maxBatchSize: 8)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<300 {
                    group.addTask { try await batcher.write { try $0.execute("INSERT INTO t (b) VALUES (zeroblob(9000))") } }
                }
                try await group.waitForAll()
            }
            let checkpointer = try #require(database.checkpointer)
            #expect(checkpointer.backgroundCheckpoints >= 1)
            // Hold the checkpointer (none running), then copy the files as a crash leaves them.
            let release = try holdCheckpointer(database)
            defer { release.signal() }
            try withCrashCopy(of: path) { recovered throws in
                #expect(try recovered.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 300)
                #expect(try recovered.queryOne("PRAGMA integrity_check") { $0.string(0) } == "ok")
            }
        }
    }

    @Test("at shutdown the last connection to close checkpoints and removes the log; every row is in the file")
    func shutdownCheckpoints() async throws {
        try await withTemporaryPath { path in
            var database: SQLiteDatabase? = try await openDatabase(at: path, threshold: 30)
            if let database { try await fill(database, transactions: 20) }
            for _ in 0..<500 where (database?.checkpointer?.backgroundCheckpoints ?? 0) == 0 {
                try await Task.sleep(for: .milliseconds(10))
            }
            database = nil
            for _ in 0..<500 where FileManager.default.fileExists(atPath: path + "-wal") {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
            let reopened = try Connection(path: path)
            #expect(try reopened.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 20)
        }
    }
}

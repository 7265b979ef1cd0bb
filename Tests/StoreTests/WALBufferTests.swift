import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Store

/// The VFS in `Sources/CSQLite/wal_buffer.h`: a connection's frames reach its log in one
/// write per commit, and nothing another connection reads, nor a crash copy, tells it
/// from SQLite's own two writes per frame.
@Suite("WAL buffer — a commit's frames written to the log at once")
struct WALBufferTests {
    /// What the writer thread of ``readersSeeCommits(synchronous:)`` shares with the readers.
    private final class WriterState: Sendable {
        let finished = Atomic<Bool>(false)
        let failure = Mutex<String?>(nil)
    }

    /// A connection on `path` with table `t`, its log past its first commit.
    private func open(_ path: String) throws -> Connection {
        let db = try Connection(path: path)
        try db.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, b BLOB NOT NULL) STRICT")
        return db
    }

    @Test("a commit of many frames is one write to the log (SQLite alone: two per frame)")
    func oneWritePerCommit() async throws {
        try await withTemporaryPath { path in
            let db = try open(path)
            let before = try #require(db.walWrites, "the log is not the buffering VFS's")
            try db.transaction { db in
                for _ in 0..<20 { try db.execute("INSERT INTO t (b) VALUES (zeroblob(3000))") }
            }
            let frames = try #require(try db.queryOne("PRAGMA wal_checkpoint(PASSIVE)") { $0.int(1) })
            #expect(frames >= 15)
            #expect(db.walWrites == before + 1)
        }
    }

    @Test("readers see every committed row, whole, while the writer commits (synchronous FULL and NORMAL)",
          arguments: ["FULL", "NORMAL"])
    func readersSeeCommits(synchronous: String) async throws {
        try await withTemporaryPath { path in
            try open(path).execute("CREATE TABLE u (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, b BLOB NOT NULL) STRICT")
            let database = try SQLiteDatabase(path: path)
            let state = WriterState()
            let done = DispatchSemaphore(value: 0)
            DispatchQueue(label: "wal-buffer-test.writer").async {
                defer {
                    state.finished.store(true, ordering: .releasing)
                    done.signal()
                }
                do {
                    let writer = try Connection(path: path)
                    _ = try writer.pragma("synchronous", set: synchronous)
                    for round in 1...150 {
                        // Each commit: 4 rows of 1.5 kB whose n add up to 10 * round.
                        try writer.transaction { db in
                            for part in 1...4 { try db.execute("INSERT INTO u (n, b) VALUES (?, randomblob(1500))", part * round) }
                        }
                    }
                } catch {
                    state.failure.withLock { $0 = "\(error)" }
                }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var reads = 0
                        while reads < 50 || !state.finished.load(ordering: .acquiring) {
                            reads += 1
                            let (rows, sum, total) = try await database.read { db in
                                try db.queryOne("SELECT count(*), coalesce(sum(n), 0), coalesce(sum(length(b)), 0) FROM u") {
                                    ($0.int(0), $0.int(1), $0.int(2))
                                } ?? (0, 0, 0)
                            }
                            let commits = rows / 4
                            #expect(rows % 4 == 0, "a reader saw part of a commit")
                            #expect(sum == 10 * commits * (commits + 1) / 2)
                            #expect(total == rows * 1500)
                        }
                    }
                }
                try await group.waitForAll()
            }
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { done.wait(); continuation.resume() }
            }
            #expect(state.failure.withLock { $0 } == nil)
            let final = try await database.read { db in
                (try db.queryOne("SELECT count(*), sum(n) FROM u") { [$0.int(0), $0.int(1)] },
                 try db.queryOne("PRAGMA integrity_check") { $0.string(0) })
            }
            #expect(final.0 == [600, 10 * 150 * 151 / 2])
            #expect(final.1 == "ok")
        }
    }

    @Test("a transaction larger than its cache reads its own spilled frames back; a rollback leaves them unseen")
    func spilledFrames() async throws {
        try await withTemporaryPath { path in
            let db = try open(path)
            _ = try db.pragma("cache_size", set: "20")
            try db.transaction { db in
                for _ in 0..<400 { try db.execute("INSERT INTO t (b) VALUES (zeroblob(2000))") }
                try db.execute("UPDATE t SET b = randomblob(2000)")
                #expect(try db.queryOne("SELECT count(*), sum(length(b)) FROM t") { [$0.int(0), $0.int(1)] } == [400, 800_000])
            }
            struct Undone: Error {}
            #expect(throws: Undone.self) {
                try db.transaction { db in
                    for _ in 0..<400 { try db.execute("INSERT INTO t (b) VALUES (zeroblob(2000))") }
                    throw Undone()
                }
            }
            try db.transaction { db in try db.execute("INSERT INTO t (b) VALUES (zeroblob(10))") }
            let reader = try Connection(path: path)
            #expect(try reader.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 401)
            #expect(try reader.queryOne("PRAGMA integrity_check") { $0.string(0) } == "ok")
            try withCrashCopy(of: path) { recovered throws in
                #expect(try recovered.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 401)
                #expect(try recovered.queryOne("PRAGMA integrity_check") { $0.string(0) } == "ok")
            }
        }
    }

    @Test("a commit whose frames cannot be written fails, and no later flush brings it back (a crash copy holds only what committed)")
    func failedCommitStaysUndone() async throws {
        try await withTemporaryPath { path in
            let db = try open(path)
            try db.transaction { db in try db.execute("INSERT INTO t (b) VALUES (zeroblob(100))") }
            #expect(db.failWALFlushes(1), "the log is not the buffering VFS's")
            #expect(throws: (any Error).self) {
                try db.transaction { db in try db.execute("INSERT INTO t (b) VALUES (zeroblob(200))") }
            }
            #expect(try db.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 1)
            // A checkpoint syncs the log first, which flushes whatever is buffered: a failed
            // commit's frames, kept, would land there, commit frame included, and a recovery
            // would replay the transaction its caller was told had failed.
            _ = try db.queryOne("PRAGMA wal_checkpoint(PASSIVE)") { $0.int(0) }
            try withCrashCopy(of: path) { recovered throws in
                #expect(try recovered.queryOne("SELECT count(*), sum(length(b)) FROM t") { [$0.int(0), $0.int(1)] } == [1, 100])
                #expect(try recovered.queryOne("PRAGMA integrity_check") { $0.string(0) } == "ok")
            }
            // The connection goes on: the next commit is written and kept.
            try db.transaction { db in try db.execute("INSERT INTO t (b) VALUES (zeroblob(300))") }
            try withCrashCopy(of: path) { recovered throws in
                #expect(try recovered.queryOne("SELECT count(*), sum(length(b)) FROM t") { [$0.int(0), $0.int(1)] } == [2, 400])
            }
        }
    }
}

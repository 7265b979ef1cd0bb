import Foundation
import Testing
@testable import Store

/// Statements queued on a ``PostgresConnection`` (``PostgresConnection/enqueue(_:_:)``)
/// and the transaction's `BEGIN` travel with the next statement that waits for its result,
/// in one round trip (libpq's pipeline mode), with the guarantees of statements run one
/// by one: order, one transaction, a failure rolling back everything. Skips (with a printed
/// reason) without PERCOLATOR_TEST_POSTGRES_URL.
@Suite("PostgreSQL pipelining — queued statements, BEGIN and COMMIT in fewer round trips")
struct PostgresPipelineTests {
    /// `body` with a connection of its own on a fresh schema holding `t (id int primary key, v text)`,
    /// off the concurrency pool.
    private func withTable(_ body: @escaping @Sendable (PostgresConnection) throws -> Void) async throws {
        try await withPostgresSchema { url in
            try await offPool {
                let db = try PostgresConnection(url: url)
                try db.run("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)")
                try body(db)
            }
        }
    }

    private static func count(_ db: PostgresConnection) throws -> Int64? {
        try db.queryOne("SELECT count(*) FROM t") { $0.int64(0) }
    }

    private static func backend(_ db: PostgresConnection) throws -> Int64? {
        try db.queryOne("SELECT pg_backend_pid()") { $0.int64(0) }
    }

    @Test("queued statements run in order before the next statement, in one round trip with it and the BEGIN; the last go with the COMMIT")
    func roundTrips() async throws {
        try await withTable { db in
            let session = try Self.backend(db)
            let before = db.roundTrips
            let seen = try db.transaction(.readCommitted) { db -> Int64? in
                for id in 1...3 { try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", id, "v\(id)") }
                let seen = try db.queryOne("SELECT count(*) FROM t") { $0.int64(0) }
                try db.enqueue("UPDATE t SET v = $1 WHERE id = $2", "changed", 1)
                return seen
            }
            #expect(seen == 3, "the read follows the queued inserts on the connection")
            #expect(db.roundTrips - before == 2, "BEGIN + 3 inserts + the read, then the update + COMMIT")
            #expect(try db.queryOne("SELECT v FROM t WHERE id = 1") { $0.string(0) } == "changed")
            #expect(try Self.backend(db) == session, "the pipeline leaves the session as it was (no reconnection)")
        }
    }

    @Test("a read queued for the commit goes with the COMMIT, sees the transaction's writes, and hands its rows over afterwards")
    func readAtCommit() async throws {
        try await withTable { db in
            try db.execute("INSERT INTO t (id, v) VALUES (1, 'a')")
            let before = db.roundTrips
            let rows = try db.transaction(.readCommitted) { db in
                _ = try db.queryOne("SELECT count(*) FROM t") { $0.int64(0) }
                try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", 2, "b")
                return try db.queryAtCommit("SELECT v FROM t WHERE id >= $1 ORDER BY id", 1) { $0.string(0) }
            }
            #expect(db.roundTrips - before == 2, "BEGIN + the count, then the insert + the read + COMMIT")
            #expect(try rows.rows() == ["a", "b"])
            // Outside a transaction, at once.
            let now = try db.queryAtCommit("SELECT v FROM t WHERE id = $1", 2) { $0.string(0) }
            #expect(try now.rows() == ["b"])
            // A queued statement before it fails: everything rolls back, the read never runs.
            var unsent: PostgresRowsAtCommit<String>?
            #expect(throws: StoreError.self) {
                try db.transaction(.readCommitted) { db in
                    try db.enqueue("INSERT INTO t (id, v) VALUES (1, 'duplicate')")
                    unsent = try db.queryAtCommit("SELECT v FROM t") { $0.string(0) }
                }
            }
            #expect(throws: StoreError.self) { try unsent?.rows() }
            #expect(try Self.count(db) == 2)
        }
    }

    @Test("a transaction of queued statements only commits them; one that runs nothing makes no round trip")
    func onlyQueued() async throws {
        try await withTable { db in
            try db.transaction(.readCommitted) { db in try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", 1, "a") }
            #expect(try Self.count(db) == 1)
            let before = db.roundTrips
            try db.transaction(.readCommitted) { _ in }
            #expect(db.roundTrips == before)
        }
    }

    @Test("more statements than the queue holds, repeated (so prepared on the way), all commit", arguments: [
        PostgresConnection.queueCapacity - 1, PostgresConnection.queueCapacity, 3 * PostgresConnection.queueCapacity + 5,
    ])
    func manyStatements(_ count: Int) async throws {
        try await withTable { db in
            for round in 0..<2 {
                try db.transaction(.readCommitted) { db in
                    for id in 0..<count { try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", round * 10_000 + id, "x") }
                }
            }
            #expect(try Self.count(db) == Int64(2 * count))
        }
    }

    @Test("a queued statement that fails throws its own error at the next statement or the COMMIT, and rolls back the whole transaction",
          arguments: [false, true])
    func failureRollsBack(_ failsAtCommit: Bool) async throws {
        try await withTable { db in
            try db.execute("INSERT INTO t (id, v) VALUES (1, 'kept')")
            let session = try Self.backend(db)
            do {
                try db.transaction(.readCommitted) { db in
                    try db.execute("INSERT INTO t (id, v) VALUES (10, 'first')")
                    try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", 11, "second")
                    try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", 1, "secret-value-77")
                    try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", 12, "after")
                    if !failsAtCommit {
                        _ = try db.queryOne("SELECT 1") { _ in () }
                        Issue.record("the statement after a failed queued one succeeded")
                    }
                }
                Issue.record("the transaction committed")
            } catch let error as StoreError {
                #expect(error.code == .constraintUnique && error.sqlState == "23505")
                #expect(error.sql?.contains("INSERT INTO t") == true, "the failed statement's SQL, for the logs")
                #expect(!error.description.contains("secret-value-77"), "no value")
            }
            #expect(try db.query("SELECT id FROM t ORDER BY id") { $0.int64(0) } == [1], "nothing of the transaction stays")
            // The connection is usable, in the same session, for the next transaction.
            try db.transaction(.readCommitted) { db in try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", 2, "next") }
            #expect(try Self.count(db) == 2)
            #expect(try Self.backend(db) == session)
        }
    }

    @Test("a savepoint whose body throws drops what it queued; the transaction goes on and commits the rest")
    func savepoint() async throws {
        struct Refused: Error {}
        try await withTable { db in
            try db.transaction(.readCommitted) { db in
                try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", 1, "before")
                #expect(throws: Refused.self) {
                    try db.savepoint { db in
                        try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", 2, "inside")
                        // Would fail if sent, and abort the transaction: never sent.
                        try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", 1, "duplicate")
                        throw Refused()
                    }
                }
                #expect(throws: StoreError.self) {
                    try db.savepoint { db in
                        try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", 1, "duplicate")
                    }
                }
                try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", 3, "after")
            }
            #expect(try db.query("SELECT id FROM t ORDER BY id") { $0.int64(0) } == [1, 3])
        }
    }

    @Test("a Swift error after queued statements rolls them back unsent")
    func thrownBody() async throws {
        struct Refused: Error {}
        try await withTable { db in
            #expect(throws: Refused.self) {
                try db.transaction(.readCommitted) { db in
                    try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", 1, "a")
                    throw Refused()
                }
            }
            #expect(throws: Refused.self) {
                try db.transaction(.readCommitted) { db in
                    _ = try db.queryOne("SELECT 1") { _ in () }
                    try db.enqueue("INSERT INTO t (id, v) VALUES ($1, $2)", 2, "b")
                    throw Refused()
                }
            }
            let remaining = try Self.count(db)
            #expect(remaining == 0)
        }
    }
}

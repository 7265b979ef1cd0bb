import Coffee
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL implementation of the persistence port (``Coffee/Persistence``), over a
/// ``PostgresConnectionPool``: reads on a `REPEATABLE READ, READ ONLY` snapshot, writes
/// in `SERIALIZABLE` transactions, so that several instances on one database behave as
/// SQLite's one writer does. A write that loses a race (SQLSTATE 40001 or 40P01) is run
/// again from the start, up to ``maxAttempts`` times: its closure must only read and
/// write through the transaction it is given (as the port requires), so a rerun is safe.
/// Commits return once durable (`synchronous_commit = on`).
public struct PostgresPersistence: Persistence {
    /// The connections.
    let pool: PostgresConnectionPool
    /// How many times a write runs before its serialisation failure is thrown.
    public static let maxAttempts = 16

    init(pool: PostgresConnectionPool) {
        self.pool = pool
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T {
        try await pool.withConnection { db in
            try db.transaction(.read) { db in try body(PostgresTransaction(db, writes: false)) }
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T {
        try await pool.withConnection { db in try Self.write(on: db, body) }
    }

    /// A write with `synchronous_commit = off` for its transaction alone: the commit
    /// returns without waiting for the WAL flush, which the next synchronous commit (or the
    /// WAL writer, within a moment) makes; a crash loses only the latest such commits.
    public func stage<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T {
        try await pool.withConnection { db in
            try Self.retrying {
                try db.transaction(.write) { db in
                    _ = try db.execute("SET LOCAL synchronous_commit = off")
                    return try body(PostgresTransaction(db, writes: true))
                }
            }
        }
    }

    /// Always `true`: stages keep their budget here. Writes on PostgreSQL do not queue
    /// behind one writer, but a longer `SERIALIZABLE` stage is likelier to be run again
    /// from the start after a conflict, and was not measured at scale (issue 16).
    public var writesWaiting: Bool { true }

    public func encode(_ result: MatchingResult) throws -> EncodedMatchingResult {
        EncodedMatchingResult(result: result, storedText: try MatchingResultText.encode(result))
    }

    public func encode(_ events: [DomainEvent]) -> EncodedEvents {
        EncodedEvents.outbox(events)
    }

    public func writeBlocking<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) throws -> T {
        try pool.withConnectionBlocking { db in try Self.write(on: db, body) }
    }

    /// A read for a thread of its own (tests, the command line): blocks the calling
    /// thread; never call it from the concurrency pool.
    public func readBlocking<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) throws -> T {
        try pool.withConnectionBlocking { db in
            try db.transaction(.read) { db in try body(PostgresTransaction(db, writes: false)) }
        }
    }

    /// Runs `body` in a serialisable transaction on `db` (its queue), again after a lost race.
    static func write<T>(on db: PostgresConnection, _ body: (any StorageTransaction) throws -> T) throws -> T {
        try retrying { try db.transaction(.write) { db in try body(PostgresTransaction(db, writes: true)) } }
    }

    /// Runs `attempt` until it does not fail with a retryable SQLSTATE, at most
    /// ``maxAttempts`` times, with a short randomised pause between (on the connection's
    /// own thread, never the concurrency pool).
    static func retrying<T>(_ attempt: () throws -> T) throws -> T {
        var tries = 1
        while true {
            do {
                return try attempt()
            } catch let error as StoreError where PostgresSQLState.isRetryable(error.sqlState) && tries < maxAttempts {
                usleep(UInt32.random(in: 200...2_000) * UInt32(min(tries, 8)))
                tries += 1
            }
        }
    }
}

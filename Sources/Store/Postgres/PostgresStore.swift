import Dispatch
import FoundationEssentials

/// The PostgreSQL implementation of the Store's protocols (``TenantStore``,
/// ``TokenStore``) and of the persistence port (``persistence``), over one pool of libpq
/// connections. Several Percolator instances may open one database: migrations run once
/// (under an advisory lock), and every write is a serialisable transaction.
///
/// ```swift
/// let store = try await PostgresStore.open(url: "postgres://percolator@127.0.0.1:5432/percolator")
/// let persistence = store.persistence   // any Persistence
/// ```
public struct PostgresStore: Sendable {
    /// The connections.
    let pool: PostgresConnectionPool
    /// The clock for `created_at`, `last_used_at` and `revoked_at`; injectable for tests.
    let now: @Sendable () -> Date

    /// The connections a store opens unless told otherwise.
    public static let defaultPoolSize = 8

    /// The persistence port over this store's connections.
    public var persistence: PostgresPersistence { PostgresPersistence(pool: pool) }

    init(pool: PostgresConnectionPool, now: @escaping @Sendable () -> Date) {
        self.pool = pool
        self.now = now
    }

    /// Whether `location` names a PostgreSQL database (`postgres://…` or
    /// `postgresql://…`) rather than an SQLite file path.
    public static func isPostgresURL(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Connects `poolSize` connections to `url` (off the concurrency pool) and applies
    /// ``PostgresSchema``'s pending migrations. Throws a ``StoreError`` (`.cantOpen` when
    /// the server cannot be reached; the message is libpq's, without the password).
    public static func open(url: String, poolSize: Int = defaultPoolSize,
                            now: @escaping @Sendable () -> Date = { Date() }) async throws -> PostgresStore {
        let pool = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try PostgresConnectionPool(url: url, size: max(1, poolSize)) })
            }
        }
        try await pool.withConnection { db in _ = try PostgresSchema.migrator.migrate(db) }
        return PostgresStore(pool: pool, now: now)
    }

    /// The migrations applied to the database, in order (for `percolator` status output and tests).
    public func appliedMigrations() async throws -> [String] {
        try await pool.withConnection { db in try PostgresSchema.migrator.appliedIdentifiers(in: db) }
    }

    /// For `/readyz`: throws unless a connection answers a query. (A pool whose
    /// connections are all busy answers late: the caller bounds the wait.)
    public func checkReadable() async throws {
        _ = try await read { db in try db.queryOne("SELECT 1") { $0.int(0) } }
    }

    /// For `/readyz`: throws `.readOnly` unless the server accepts writes (a standby, or a
    /// server in `default_transaction_read_only`, does not), and what a write needs to
    /// begin works.
    public func checkWritable() async throws {
        let readOnly = try await write { db in
            try db.queryOne("SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'") { $0.bool(0) }
        }
        if readOnly == true { throw StoreError(code: .readOnly, message: "the PostgreSQL server accepts no writes") }
    }

    /// Runs `body` in a read snapshot on a connection's own thread.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await pool.withConnection { db in try db.transaction(.read, body) }
    }

    /// Runs `body` in a `READ COMMITTED` write (tenants, tokens, SCIM resources: `body`
    /// locks the row it reads to change, or changes rows with single statements), again
    /// after a deadlock or a serialisation failure.
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        // The asking task's write context, seen by the resource store's observer.
        let context = ResourceWriteContext.current
        return try await pool.withConnection { db in
            try ResourceWriteContext.$current.withValue(context) {
                try PostgresPersistence.retrying { try db.transaction(.readCommitted, body) }
            }
        }
    }
}

import FoundationEssentials

/// The SQLite implementation of the Store's protocols (`TenantStore`, `TokenStore`), over
/// one `SQLiteDatabase`.
public struct SQLiteStore: Sendable {
    /// The database the store reads and writes.
    public let database: SQLiteDatabase
    /// The clock for `created_at`, `last_used_at` and `revoked_at`; injectable for tests.
    let now: @Sendable () -> Date

    /// How stale `lastUsedAt` may get: `authenticate` rewrites it only when the stored
    /// value is at least this old, so a busy token costs one write a minute, not one per
    /// request. Default: 60 seconds.
    public static let lastUsedResolution: TimeInterval = 60

    /// A store over an open (and migrated) database, with an injectable clock.
    public init(database: SQLiteDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    /// Opens the database at `path` and applies `StoreSchema`'s pending migrations.
    public static func open(path: String,
                            configuration: SQLiteDatabase.Configuration = .init()) async throws -> SQLiteStore {
        let database = try SQLiteDatabase(path: path, configuration: configuration)
        try await database.migrate(StoreSchema.migrator)
        return SQLiteStore(database: database)
    }
}

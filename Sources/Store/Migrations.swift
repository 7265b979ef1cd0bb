import FoundationEssentials

/// One schema migration: an identifier, recorded in `schema_migrations` once applied,
/// and the SQL that applies it (one or more statements).
public struct Migration: Sendable, Hashable {
    /// A unique, ordered name, e.g. `"0001_tenants_and_tokens"`. Never renamed once shipped.
    public let identifier: String
    /// The statements to run, in one transaction.
    public let sql: String

    /// A migration named `identifier` that runs `sql`.
    public init(_ identifier: String, sql: String) {
        self.identifier = identifier
        self.sql = sql
    }
}

/// Applies an ordered list of migrations, each in its own `BEGIN IMMEDIATE` transaction,
/// and records each in `schema_migrations` (GRDB's `DatabaseMigrator`).
///
/// Re-running is a no-op. The identifiers already applied must be a prefix of the list:
/// a database migrated by a newer build (or a reordered list) is refused rather than
/// guessed at.
public struct Migrator: Sendable {
    /// The migrations, in the order they apply.
    public let migrations: [Migration]

    /// A migrator for `migrations`. Identifiers must be unique (checked at start-up).
    public init(_ migrations: [Migration]) {
        precondition(Set(migrations.map(\.identifier)).count == migrations.count,
                     "duplicate migration identifier")
        self.migrations = migrations
    }

    /// The identifiers recorded in `connection`'s `schema_migrations`, in applied order;
    /// empty when the table does not exist yet.
    public func appliedIdentifiers(in connection: Connection) throws -> [String] {
        let exists = try connection.queryOne(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
        ) { _ in true } ?? false
        guard exists else { return [] }
        return try connection.query("SELECT identifier FROM schema_migrations ORDER BY rowid") {
            $0.string(0)
        }
    }

    /// Applies every pending migration, in order, one transaction each; returns the
    /// identifiers it applied (empty when the schema is current). `connection` must not be
    /// inside a transaction.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [String] {
        // Migrations that fold stored text call it (0009 and 0010).
        try FoldFunction.ensureRegistered(on: connection)
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                identifier TEXT PRIMARY KEY,
                applied_at TEXT NOT NULL
            ) STRICT
            """)
        var applied: [String] = []
        for migration in migrations {
            let didApply = try connection.transaction(.immediate) { db -> Bool in
                // Read inside the write lock: another process may have migrated meanwhile.
                let done = try appliedIdentifiers(in: db)
                guard done.count <= migrations.count,
                      done == migrations.prefix(done.count).map(\.identifier) else {
                    throw StoreError(code: .error, message:
                        "schema_migrations \(done) is not a prefix of this build's migrations")
                }
                guard !done.contains(migration.identifier) else { return false }
                try db.execute(migration.sql)
                try db.execute("INSERT INTO schema_migrations (identifier, applied_at) VALUES (?, ?)",
                               migration.identifier, Timestamp.string(from: Date()))
                return true
            }
            if didApply { applied.append(migration.identifier) }
        }
        return applied
    }
}

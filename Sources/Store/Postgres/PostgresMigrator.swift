import FoundationEssentials

/// Applies ``PostgresSchema``'s migrations, each in its own `READ COMMITTED` transaction
/// under a transaction-scoped advisory lock, so several instances starting on one database at
/// once apply each migration exactly once; records each in `schema_migrations`. As
/// ``Migrator``: re-running is a no-op, and a database whose applied migrations are not a
/// prefix of this build's list is refused.
struct PostgresMigrator: Sendable {
    /// The migrations, in order (the same identifiers as ``StoreSchema``'s).
    let migrations: [Migration]

    /// The advisory lock key every migrating instance takes ("percolat" in ASCII).
    static let lockKey: Int64 = 0x7065_7263_6F6C_6174

    /// The identifiers applied in `connection`'s current schema, in applied order.
    func appliedIdentifiers(in connection: PostgresConnection) throws -> [String] {
        try connection.query("SELECT identifier FROM schema_migrations ORDER BY position") { $0.string(0) }
    }

    /// Applies every pending migration; returns the identifiers it applied.
    @discardableResult
    func migrate(_ connection: PostgresConnection) throws -> [String] {
        // Current already (the usual start): nothing to lock or create, so an instance
        // also starts on a database it may not change the schema of.
        let current = try connection.transaction(.read) { db -> Bool in
            guard try db.queryOne("SELECT to_regclass('schema_migrations') IS NOT NULL", map: { $0.bool(0) }) == true else {
                return false
            }
            return try appliedIdentifiers(in: db) == migrations.map(\.identifier)
        }
        if current { return [] }
        try connection.transaction(.readCommitted) { db in
            try db.execute("SELECT pg_advisory_xact_lock($1)", Self.lockKey)
            try db.run("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    position bigint GENERATED ALWAYS AS IDENTITY,
                    identifier text PRIMARY KEY,
                    applied_at timestamptz NOT NULL
                )
                """)
        }
        var applied: [String] = []
        for migration in migrations {
            let didApply = try connection.transaction(.readCommitted) { db -> Bool in
                try db.execute("SELECT pg_advisory_xact_lock($1)", Self.lockKey)
                let done = try appliedIdentifiers(in: db)
                guard done.count <= migrations.count,
                      done == migrations.prefix(done.count).map(\.identifier) else {
                    throw StoreError(code: .error, message:
                        "schema_migrations \(done) is not a prefix of this build's migrations")
                }
                guard !done.contains(migration.identifier) else { return false }
                try db.run(migration.sql)
                try db.execute("INSERT INTO schema_migrations (identifier, applied_at) VALUES ($1, $2)",
                               migration.identifier, Date())
                return true
            }
            if didApply { applied.append(migration.identifier) }
        }
        return applied
    }
}

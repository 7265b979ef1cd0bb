/// The Store's schema, as numbered migrations. Append new ones; never edit or reorder a
/// migration that has shipped.
public enum StoreSchema {
    /// Every migration, in order.
    public static let migrations: [Migration] = [
        tenantsAndTokens,
    ]

    /// The migrator for `migrations`.
    public static let migrator = Migrator(migrations)

    /// 0001: tenants, and the bearer tokens that belong to them. STRICT tables; tokens
    /// are found by their SHA-256 (the UNIQUE constraint is the lookup index).
    static let tenantsAndTokens = Migration("0001_tenants_and_tokens", sql: """
        CREATE TABLE tenants (
            id TEXT PRIMARY KEY,
            name TEXT UNIQUE NOT NULL CHECK (length(name) > 0),
            created_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE tokens (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            kind TEXT NOT NULL CHECK (kind IN ('scim', 'admin')),
            hash BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
            label TEXT,
            created_at TEXT NOT NULL,
            last_used_at TEXT,
            revoked_at TEXT
        ) STRICT;

        CREATE INDEX tokens_by_tenant ON tokens (tenant_id, created_at);
        """)
}

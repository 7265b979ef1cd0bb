extension StoreSchema {
    /// 0019: CSV imports accepted whole and applied in chunks (issue 10): the file, the
    /// importer's choices and the first row not written yet, advanced in the same
    /// transaction as each chunk; a lease tells when another instance may take it over.
    static let importRuns = Migration("0019_import_runs", sql: """
        CREATE TABLE import_runs (
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            csv BLOB NOT NULL,
            options TEXT NOT NULL,
            next_row INTEGER NOT NULL CHECK (next_row >= 0),
            accepted_at TEXT NOT NULL,
            owner TEXT NOT NULL,
            lease_until TEXT NOT NULL,
            PRIMARY KEY (tenant_id, id)
        ) STRICT;
        CREATE INDEX import_runs_by_lease ON import_runs (lease_until);
        """)
}

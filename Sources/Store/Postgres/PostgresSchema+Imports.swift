extension PostgresSchema {
    /// 0019: CSV imports accepted whole and applied in chunks (as SQLite's
    /// `StoreSchema.importRuns`).
    static let importRuns = Migration("0019_import_runs", sql: """
        CREATE TABLE import_runs (
            tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            id text NOT NULL,
            csv bytea NOT NULL,
            options text NOT NULL,
            next_row integer NOT NULL CHECK (next_row >= 0),
            accepted_at timestamptz NOT NULL,
            owner text NOT NULL,
            lease_until timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, id)
        );
        CREATE INDEX import_runs_by_lease ON import_runs (lease_until);
        """)
}

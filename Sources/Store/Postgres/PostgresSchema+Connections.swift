extension PostgresSchema {
    /// 0020: connections, their runs and their links to members (as SQLite's
    /// `StoreSchema.connections`).
    static let connections = Migration("0020_connections", sql: """
        CREATE TABLE connections (
            tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            id text NOT NULL,
            kind text NOT NULL,
            name text NOT NULL,
            settings text NOT NULL,
            credentials text NOT NULL,
            credential_hint text NOT NULL,
            created_at timestamptz NOT NULL,
            next_run_at timestamptz,
            run_owner text,
            run_lease_until timestamptz,
            PRIMARY KEY (tenant_id, id)
        );
        CREATE INDEX connections_due ON connections (next_run_at) WHERE next_run_at IS NOT NULL;
        CREATE TABLE connection_runs (
            tenant_id text NOT NULL,
            connection_id text NOT NULL,
            id text NOT NULL,
            started_at timestamptz NOT NULL,
            finished_at timestamptz NOT NULL,
            outcome text NOT NULL,
            summary text NOT NULL,
            error text,
            PRIMARY KEY (tenant_id, connection_id, id),
            FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE
        );
        CREATE INDEX connection_runs_by_time ON connection_runs (tenant_id, connection_id, finished_at);
        CREATE TABLE source_links (
            tenant_id text NOT NULL,
            connection_id text NOT NULL,
            source_id text NOT NULL,
            member_id text NOT NULL,
            is_active boolean NOT NULL,
            PRIMARY KEY (tenant_id, connection_id, source_id),
            FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE,
            FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
        );
        CREATE INDEX source_links_by_member ON source_links (tenant_id, member_id);
        """)
}

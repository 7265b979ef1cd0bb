extension StoreSchema {
    /// 0020: connections to outside sources of members (issue 14): their sealed
    /// credentials and settings, who runs them now (`run_owner` until `run_lease_until`,
    /// one run per connection across instances), their runs, and the links they hold to
    /// members (one member, several sources).
    static let connections = Migration("0020_connections", sql: """
        CREATE TABLE connections (
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            settings TEXT NOT NULL,
            credentials TEXT NOT NULL,
            credential_hint TEXT NOT NULL,
            created_at TEXT NOT NULL,
            next_run_at TEXT,
            run_owner TEXT,
            run_lease_until TEXT,
            PRIMARY KEY (tenant_id, id)
        ) STRICT;
        CREATE INDEX connections_due ON connections (next_run_at) WHERE next_run_at IS NOT NULL;

        CREATE TABLE connection_runs (
            tenant_id TEXT NOT NULL,
            connection_id TEXT NOT NULL,
            id TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            summary TEXT NOT NULL,
            error TEXT,
            PRIMARY KEY (tenant_id, connection_id, id),
            FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE
        ) STRICT;
        CREATE INDEX connection_runs_by_time ON connection_runs (tenant_id, connection_id, finished_at);

        CREATE TABLE source_links (
            tenant_id TEXT NOT NULL,
            connection_id TEXT NOT NULL,
            source_id TEXT NOT NULL,
            member_id TEXT NOT NULL,
            is_active INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, connection_id, source_id),
            FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE,
            FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
        ) STRICT;
        CREATE INDEX source_links_by_member ON source_links (tenant_id, member_id);
        """)
}

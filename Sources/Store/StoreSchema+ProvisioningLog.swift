extension StoreSchema {
    /// 0017: the SCIM provisioning log (issue 15), one row per SCIM request.
    ///
    /// `occurred_at` is microseconds since 1970 (both dialects, so a cursor's position
    /// means the same on either); `changes` is a JSON array of ``ProvisioningLogChange``.
    /// Indexes: a tenant's log by time (the default view and the purge), by resource id
    /// and by folded `userName`/`displayName` (the `user` filter), and by outcome.
    static let provisioningLog = Migration("0017_provisioning_log", sql: """
        CREATE TABLE provisioning_log (
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            token_id TEXT,
            user_agent TEXT,
            operation TEXT NOT NULL,
            resource_type TEXT,
            resource_id TEXT,
            resource_name TEXT,
            resource_name_folded TEXT,
            status INTEGER NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
            scim_type TEXT,
            detail TEXT,
            duration_us INTEGER NOT NULL,
            changes TEXT NOT NULL,
            PRIMARY KEY (tenant_id, id)
        ) STRICT;

        CREATE INDEX provisioning_log_by_time ON provisioning_log (tenant_id, occurred_at, id);
        CREATE INDEX provisioning_log_by_resource ON provisioning_log (tenant_id, resource_id, occurred_at);
        CREATE INDEX provisioning_log_by_name ON provisioning_log (tenant_id, resource_name_folded, occurred_at);
        CREATE INDEX provisioning_log_by_outcome ON provisioning_log (tenant_id, outcome, occurred_at);
        """)
}

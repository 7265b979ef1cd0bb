extension PostgresSchema {
    /// 0031: the tables every SCIM write inserts into lose their foreign key to `tenants`
    /// (issue 11). Each inserted row's key was checked by a query of its own, which locked
    /// the tenant's row (`FOR KEY SHARE`): a row lock written to the WAL and, with writes
    /// side by side, a multixact shared by all of them — 5 to 12% of PostgreSQL's CPU per
    /// write. The tenant of these rows is the one the request authenticated as, read from
    /// `tenants` itself, and no tenant is ever deleted (nothing runs `DELETE FROM
    /// tenants`), so the key guarded nothing a write could break. A future tenant
    /// deletion must delete these tables' rows itself: `scim_resources` (its emails,
    /// memberships and change rows follow through their own keys), `members`, `outbox`,
    /// `category_values`, `provisioning_log`. SQLite keeps its keys (a lookup in its own
    /// pages, no lock): its 0031 is a no-op.
    static let hotTenantKeys = Migration("0031_hot_tenant_keys", sql: """
        ALTER TABLE scim_resources DROP CONSTRAINT scim_resources_tenant_id_fkey;
        ALTER TABLE members DROP CONSTRAINT members_tenant_id_fkey;
        ALTER TABLE outbox DROP CONSTRAINT outbox_tenant_id_fkey;
        ALTER TABLE category_values DROP CONSTRAINT category_values_tenant_id_fkey;
        ALTER TABLE provisioning_log DROP CONSTRAINT provisioning_log_tenant_id_fkey;
        """)
}

extension StoreSchema {
    /// 0031: nothing in SQLite. PostgreSQL's 0031 drops the foreign keys to `tenants` of
    /// the tables every SCIM write inserts into (``PostgresSchema`` `hotTenantKeys`: each
    /// check locked the tenant's row); SQLite's checks are lookups in its own pages
    /// without a lock, so its keys stay. The number is taken in both lists, so one list
    /// of names tells where either database stands.
    static let hotTenantKeys = Migration("0031_hot_tenant_keys", sql: "SELECT 1")
}

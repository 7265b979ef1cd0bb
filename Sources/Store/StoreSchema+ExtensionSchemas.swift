extension StoreSchema {
    /// 0016 (issue 15): tenant-declared SCIM schema extensions, and sort indexes.
    ///
    /// - `scim_extension_schemas`: one declaration per tenant and URN (folded, so one URN
    ///   is declared once whatever its spelling), the declaration as JSON text.
    /// - `scim_resources_by_created` / `scim_resources_by_last_modified`: a list sorted by
    ///   `meta.created` or `meta.lastModified` reads its page from an index (each ends with
    ///   the rowid, `seq`, the tie-breaker) instead of sorting the tenant's rows per page.
    static let extensionSchemas = Migration("0016_extension_schemas", sql: """
        CREATE TABLE scim_extension_schemas (
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            urn_folded TEXT NOT NULL,
            urn TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (tenant_id, urn_folded)
        ) STRICT, WITHOUT ROWID;

        CREATE INDEX scim_resources_by_created ON scim_resources (tenant_id, resource_type, created);
        CREATE INDEX scim_resources_by_last_modified ON scim_resources (tenant_id, resource_type, last_modified);
        """)
}

extension PostgresSchema {
    /// 0016 (issue 15): tenant-declared SCIM schema extensions, and the indexes a list
    /// sorted by `meta.created` or `meta.lastModified` reads its page from (ending with
    /// `seq`, the tie-breaker). As ``StoreSchema/extensionSchemas``.
    static let extensionSchemas = Migration("0016_extension_schemas", sql: """
        CREATE TABLE scim_extension_schemas (
            tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            urn_folded text NOT NULL,
            urn text NOT NULL,
            json text NOT NULL,
            PRIMARY KEY (tenant_id, urn_folded)
        );

        CREATE INDEX scim_resources_by_created ON scim_resources (tenant_id, resource_type, created, seq);
        CREATE INDEX scim_resources_by_last_modified ON scim_resources (tenant_id, resource_type, last_modified, seq);
        """)
}

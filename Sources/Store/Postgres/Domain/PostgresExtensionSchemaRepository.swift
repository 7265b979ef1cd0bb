import Coffee

/// Each tenant's declared schema extensions on PostgreSQL, as
/// ``SQLiteExtensionSchemaRepository`` keeps them.
struct PostgresExtensionSchemaRepository: ExtensionSchemaRepository {
    /// The transaction's connection.
    let db: PostgresConnection

    func all(tenant: TenantID) throws -> [DeclaredExtensionDocument] {
        try db.query("""
            SELECT urn, json FROM scim_extension_schemas WHERE tenant_id = $1 ORDER BY urn_folded COLLATE "C"
            """, tenant) { row in
            DeclaredExtensionDocument(urn: row.string(0), json: row.string(1))
        }
    }

    func save(_ document: DeclaredExtensionDocument, tenant: TenantID) throws {
        _ = try db.execute("""
            INSERT INTO scim_extension_schemas (tenant_id, urn_folded, urn, json) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, urn_folded) DO UPDATE SET urn = excluded.urn, json = excluded.json
            """, tenant, document.urn.lowercased(), document.urn, document.json)
    }

    func delete(urn: String, tenant: TenantID) throws -> Bool {
        try db.execute("DELETE FROM scim_extension_schemas WHERE tenant_id = $1 AND urn_folded = $2",
                       tenant, urn.lowercased()) > 0
    }
}

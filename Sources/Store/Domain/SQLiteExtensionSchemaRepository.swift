import Coffee

/// Each tenant's declared schema extensions as rows of `scim_extension_schemas`
/// (migration 0016), keyed by the URN lower-cased (URNs are ASCII).
public struct SQLiteExtensionSchemaRepository: ExtensionSchemaRepository {
    /// The transaction's connection.
    let db: Connection

    public func all(tenant: TenantID) throws -> [DeclaredExtensionDocument] {
        try db.query("SELECT urn, json FROM scim_extension_schemas WHERE tenant_id = ? ORDER BY urn_folded", tenant) { row in
            DeclaredExtensionDocument(urn: row.string(0), json: row.string(1))
        }
    }

    public func save(_ document: DeclaredExtensionDocument, tenant: TenantID) throws {
        try db.execute("""
            INSERT INTO scim_extension_schemas (tenant_id, urn_folded, urn, json) VALUES (?, ?, ?, ?)
            ON CONFLICT (tenant_id, urn_folded) DO UPDATE SET urn = excluded.urn, json = excluded.json
            """, tenant, document.urn.lowercased(), document.urn, document.json)
    }

    public func delete(urn: String, tenant: TenantID) throws -> Bool {
        try db.queryOne("DELETE FROM scim_extension_schemas WHERE tenant_id = ? AND urn_folded = ? RETURNING 1",
                        tenant, urn.lowercased()) { _ in true } ?? false
    }
}

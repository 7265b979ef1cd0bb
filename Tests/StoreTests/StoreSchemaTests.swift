import Testing
@testable import Store

@Suite("StoreSchema 0002 — SCIM resource tables")
struct StoreSchemaTests {
    @Test("the resource tables are STRICT")
    func strictTables() throws {
        let db = try Connection(path: ":memory:")
        try StoreSchema.migrator.migrate(db)
        let strict = try db.query("SELECT name, strict FROM pragma_table_list WHERE name LIKE 'scim_%'") {
            ($0.string(0), $0.bool(1))
        }
        #expect(Set(strict.map(\.0)) == ["scim_resources", "scim_emails", "scim_group_members", "scim_resource_counts",
                                         "scim_extension_schemas", "scim_resource_changes"])
        #expect(strict.allSatisfy { $0.1 })
    }

    @Test("triggers keep the per-tenant counts; deleting cascades to emails and memberships")
    func countsAndCascades() throws {
        let db = try Connection(path: ":memory:")
        try StoreSchema.migrator.migrate(db)
        try db.execute("INSERT INTO tenants (id, name, created_at) VALUES ('t', 't', 'x')")
        for (seq, id, type) in [(1, "u", "User"), (2, "g", "Group")] {
            try db.execute("""
                INSERT INTO scim_resources (seq, tenant_id, id, resource_type, user_name_folded, display_name_folded,
                    version, created, last_modified, json) VALUES (?, 't', ?, ?, ?, ?, 1, 'x', 'x', '{}')
                """, seq, id, type, type == "User" ? "u" : nil, type == "Group" ? "g" : nil)
        }
        try db.execute("INSERT INTO scim_emails (resource_seq, tenant_id, value) VALUES (1, 't', 'a@b')")
        try db.execute("INSERT INTO scim_group_members (tenant_id, group_id, member_id, member_type) VALUES ('t', 'g', 'u', 'User')")
        let counts = { try db.query("SELECT resource_type, count FROM scim_resource_counts ORDER BY 1") { "\($0.string(0))=\($0.int(1))" } }
        #expect(try counts() == ["Group=1", "User=1"])
        try db.execute("DELETE FROM scim_resources WHERE id = 'u'")
        #expect(try counts() == ["Group=1", "User=0"])
        #expect(try db.queryOne("SELECT (SELECT count(*) FROM scim_emails) + (SELECT count(*) FROM scim_group_members)") { $0.int(0) } == 0)
    }

    @Test("a membership must point at resources of the same tenant")
    func membershipForeignKeys() throws {
        let db = try Connection(path: ":memory:")
        try StoreSchema.migrator.migrate(db)
        #expect(throws: StoreError.self) { try db.execute("INSERT INTO scim_group_members (tenant_id, group_id, member_id, member_type) VALUES ('t', 'g', 'u', 'User')") }
    }
}

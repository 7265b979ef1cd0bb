import Testing
@testable import Store

@Suite("StoreSchema 0026 — the indexes a SCIM write inserts into")
struct StoreSchemaWriteIndexesTests {
    @Test("a member and a successful log entry skip the dropped indexes; the lookups they served still search an index")
    func writeIndexes() throws {
        let db = try Connection(path: ":memory:")
        try StoreSchema.migrator.migrate(db)
        let indexes = Set(try db.query("SELECT name FROM sqlite_master WHERE type = 'index'") { $0.string(0) })
        #expect(!indexes.contains("members_by_email"))
        #expect(!indexes.contains("provisioning_log_by_outcome"))
        let cases: [(query: String, index: String)] = [
            ("SELECT id FROM members WHERE tenant_id = 't' AND email_folded = 'a@b.example' AND lifecycle = 'live'",
             "members_live_by_email"),
            ("SELECT id FROM provisioning_log WHERE tenant_id = 't' AND outcome = 'failure' ORDER BY occurred_at DESC, id DESC LIMIT 50",
             "provisioning_log_failures"),
            ("SELECT id FROM provisioning_log WHERE tenant_id = 't' AND outcome = 'success' ORDER BY occurred_at DESC, id DESC LIMIT 50",
             "provisioning_log_by_time"),
        ]
        for (query, index) in cases {
            let plan = try db.query("EXPLAIN QUERY PLAN \(query)") { $0.string(3) }.joined(separator: "; ")
            #expect(plan.contains("INDEX \(index) ") && !plan.contains("TEMP B-TREE"), "\(query): \(plan)")
        }
    }
}

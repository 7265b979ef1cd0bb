import Testing
@testable import Store

@Suite("StoreSchema 0028 — the indexes a history row inserts into")
struct StoreSchemaHistoryIndexesTests {
    @Test("a history row skips the dropped indexes; the lookups they served still search an index")
    func historyIndexes() throws {
        let db = try Connection(path: ":memory:")
        // As migration 0028 left it (0030 replaced the table: StoreSchemaGroupHistoryTests).
        let through = try #require(StoreSchema.migrations.firstIndex { $0.identifier == "0028_history_indexes" })
        _ = try Migrator(Array(StoreSchema.migrations.prefix(through: through))).migrate(db)
        let indexes = Set(try db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'session_members'") {
            $0.string(0)
        })
        #expect(!indexes.contains("session_members_by_session"))
        #expect(!indexes.contains("session_members_by_program"))
        #expect(indexes.contains("session_members_by_member") && indexes.contains("session_members_by_sequence"))
        let cases: [(query: String, index: String)] = [
            ("SELECT member_id FROM session_members WHERE tenant_id = 't' AND session_id = 's' AND unavailable = 1",
             "PRIMARY KEY"),
            ("DELETE FROM session_members WHERE tenant_id = 't' AND session_id = 's'", "PRIMARY KEY"),
            // A program's sessions: the tenant's rows by the primary key (in session order, for the
            // GROUP BY) or by session_members_by_sequence, never a scan of every tenant's.
            ("SELECT session_id FROM session_members WHERE tenant_id = 't' AND program_id = 'p' GROUP BY session_id", ""),
            ("SELECT session_id FROM session_members WHERE tenant_id = 't' AND member_id = 'm'", "INDEX session_members_by_member"),
        ]
        for (query, index) in cases {
            let plan = try db.query("EXPLAIN QUERY PLAN \(query)") { $0.string(3) }.joined(separator: "; ")
            #expect(plan.contains("SEARCH session_members USING \(index)") || plan.contains("SEARCH session_members USING COVERING \(index)"),
                    "\(query): \(plan)")
            #expect(!plan.contains("SCAN session_members"), "\(query): \(plan)")
        }
    }
}

import Foundation
import Testing
@testable import Store

/// Migration 0037 (issue 11): a member row keeps its member's name, so a group's member
/// list (every membership PATCH's answer) reads no `scim_resources` row; member rows
/// stored before it get their names. Renames are checked on both backends by
/// ``MemberNameContractTests``. Skips (with a printed reason) without
/// PERCOLATOR_TEST_POSTGRES_URL.
@Suite("PostgreSQL 0037 — members' names in their member rows")
struct PostgresMemberNamesTests {
    @Test("member rows of 0035 get their names; the member list looks no member up")
    func storedNames() async throws {
        try await withPostgresSchema { url in
            try await offPool {
                let db = try PostgresConnection(url: url)
                try PostgresMigrator(migrations: try GroupHistoryMigrationTests.prefix(PostgresSchema.migrations,
                                                                                       through: "0035_unkeyed_group_changes",
                                                                                       \.identifier)).migrate(db)
                try db.execute("INSERT INTO tenants (id, name, created_at) VALUES ('t', 't', now())")
                try db.execute("""
                    INSERT INTO scim_resources (tenant_id, id, resource_type, user_name, user_name_folded, display_name,
                        display_name_folded, version, created, last_modified, json)
                    VALUES ('t', 'ann', 'User', 'ann', 'ann', NULL, NULL, 1, now(), now(), '{}'),
                           ('t', 'bob', 'User', 'bob', 'bob', 'Bob B', 'bob b', 1, now(), now(), '{}'),
                           ('t', 'sub', 'Group', NULL, NULL, 'Sub', 'sub', 1, now(), now(), '{}'),
                           ('t', 'g', 'Group', NULL, NULL, 'G', 'g', 1, now(), now(), '{}')
                    """)
                try db.execute("""
                    INSERT INTO scim_group_members (tenant_id, group_id, member_id, member_type, display)
                    VALUES ('t', 'g', 'ann', 'User', NULL), ('t', 'g', 'bob', 'User', NULL), ('t', 'g', 'sub', 'Group', 'As sent')
                    """)
                _ = try PostgresSchema.migrator.migrate(db)
                #expect(try db.query("SELECT member_id, member_name FROM scim_group_members ORDER BY member_id COLLATE \"C\"") {
                    "\($0.string(0))=\($0.optionalString(1) ?? "nil")"
                } == ["ann=ann", "bob=Bob B", "sub=Sub"])
                let members = try PostgresResourceStore.members(of: "g", tenant: TenantID(rawValue: "t"), limit: 10, in: db)
                #expect(members.map { "\($0.value)=\($0.display ?? "nil")" } == ["ann=ann", "bob=Bob B", "sub=As sent"])
                // The list reads the member rows alone: no lookup of each member.
                let plan = try db.query("EXPLAIN \(PostgresResourceStore.membersSQL.replacingOccurrences(of: "$1", with: "'t'").replacingOccurrences(of: "$2", with: "'g'").replacingOccurrences(of: "$3", with: "101"))") {
                    $0.string(0)
                }.joined(separator: "\n")
                #expect(!plan.contains("scim_resources") && !plan.contains("SubPlan"), "\(plan)")
            }
        }
    }
}

import Foundation
import Testing
@testable import Store

/// Migration 0033 (issue 11): a group's member list, which every membership PATCH returns,
/// is read along a unique index in its own order (`member_id COLLATE "C"`), so it stops
/// at its limit instead of sorting the group, and PostgreSQL keeps one generic plan for it
/// instead of planning it at every run. Skips (with a printed reason) without
/// PERCOLATOR_TEST_POSTGRES_URL.
@Suite("PostgreSQL 0033 — a group's member list along its index")
struct PostgresMemberOrderTests {
    @Test("the member list needs no sort and gets a generic plan; a member row stays unique")
    func memberListInOrder() async throws {
        try await withPostgresSchema { url in
            let store = try await PostgresStore.open(url: url, poolSize: 2)
            let tenant = try await store.createTenant(name: "order").id
            let resources = PostgresResourceStore(store: store)
            var ids: [String] = []
            for name in ["eve", "bob", "dee", "ann", "cid"] {
                ids.append(try await resources.create(userJSON(name), kind: .user, tenant: tenant).id)
            }
            let group = try await resources.create(groupJSON("G", members: ids), kind: .group, tenant: tenant)
            let created = ids
            try await offPool {
                let db = try PostgresConnection(url: url)
                // A tenant as the benchmark's: 2,000 users, a group of 100 and a group of all.
                try db.execute("""
                    INSERT INTO scim_resources (tenant_id, id, resource_type, user_name_folded, display_name_folded,
                        version, created, last_modified, json)
                    SELECT $1, 'u-' || i, 'User', 'u-' || i, NULL, 1, now(), now(), '{}' FROM generate_series(1, 2000) i
                    UNION ALL SELECT $1, g, 'Group', NULL, g, 1, now(), now(), '{}' FROM unnest(ARRAY['small', 'all']) g
                    """, tenant)
                try db.execute("""
                    INSERT INTO scim_group_members (tenant_id, group_id, member_id, member_type)
                    SELECT $1, 'small', 'u-' || i, 'User' FROM generate_series(1, 100) i
                    UNION ALL SELECT $1, 'all', 'u-' || i, 'User' FROM generate_series(1, 2000) i
                    """, tenant)
                try db.execute("ANALYZE scim_group_members")
                // Run as every membership PATCH of the benchmark runs it (a 100-member group's
                // list, limit 101), prepared on its second run.
                for _ in 1...10 {
                    #expect(try PostgresResourceStore.members(of: "small", tenant: tenant, limit: 101, in: db).count == 100)
                }
                let plans = try db.query("""
                    SELECT generic_plans, custom_plans FROM pg_prepared_statements
                    WHERE statement LIKE '%FROM scim_group_members m WHERE m.tenant_id = $1 AND m.group_id = $2%'
                    """) { ($0.int64(0), $0.int64(1)) }
                #expect(plans.count == 1)
                #expect((plans.first?.0 ?? 0) > 0, "planned again at every run: \(plans)")
                // Ordered by id in byte order, as on SQLite.
                let members = try PostgresResourceStore.members(of: group.id, tenant: tenant, limit: 101, in: db)
                #expect(members.map(\.value) == created.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
                // Even where an index scan is the only way, the old key needed a sort.
                try db.execute("SET enable_seqscan = off")
                try db.execute("SET enable_bitmapscan = off")
                let explained = try db.query("""
                    EXPLAIN SELECT m.member_id FROM scim_group_members m WHERE m.tenant_id = 'x' AND m.group_id = 'y'
                    ORDER BY m.member_id COLLATE "C" LIMIT 101
                    """) { $0.string(0) }.joined(separator: "\n")
                #expect(!explained.contains("Sort"), "\(explained)")
                #expect(explained.contains("scim_group_members_in_order"), "\(explained)")
                // The index keeps a member row unique, as the primary key did.
                #expect(throws: (any Error).self) {
                    try db.execute("""
                        INSERT INTO scim_group_members (tenant_id, group_id, member_id, member_type) VALUES ($1, $2, $3, 'User')
                        """, tenant, group.id, created[0])
                }
            }
        }
    }
}

import Foundation
import Testing
@testable import Store

/// Migration 0031 (issue 11): the tables every SCIM write inserts into check no foreign key
/// against `tenants`, whose check locked the tenant's row (`FOR KEY SHARE`) at each
/// insert. Skips (with a printed reason) without PERCOLATOR_TEST_POSTGRES_URL.
@Suite("PostgreSQL 0031 — SCIM writes leave the tenant's row alone")
struct PostgresHotTenantKeysTests {
    @Test("the SCIM write tables have no foreign key to tenants (tokens keep theirs); a create and a member change leave the tenant's row unlocked")
    func noTenantKeys() async throws {
        try await withPostgresSchema { url in
            let store = try await PostgresStore.open(url: url, poolSize: 2)
            let tenant = try await store.createTenant(name: "hot").id
            let resources = PostgresResourceStore(store: store)
            let ann = try await resources.create(userJSON("ann", emails: [("ann@example.com", "work", true)]), kind: .user, tenant: tenant)
            _ = try await resources.create(groupJSON("G", members: [ann.id]), kind: .group, tenant: tenant)
            try await offPool {
                let db = try PostgresConnection(url: url)
                let keyed = Set(try db.query("""
                    SELECT conrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND confrelid = 'tenants'::regclass
                    """) { $0.string(0) })
                for table in ["scim_resources", "members", "outbox", "category_values", "provisioning_log"] {
                    #expect(!keyed.contains(table), "\(table) still checks its tenant")
                }
                #expect(keyed.contains("tokens") && keyed.contains("programs"), "the other tables keep their keys")
                // A key check's `FOR KEY SHARE` leaves the locker in the row's xmax.
                #expect(try db.queryOne("SELECT xmax::text FROM tenants WHERE id = $1", tenant) { $0.string(0) } == "0")
            }
        }
    }
}

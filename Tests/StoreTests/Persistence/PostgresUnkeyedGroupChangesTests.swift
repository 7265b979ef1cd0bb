import Foundation
import Testing
@testable import Store

/// Migration 0035 (issue 11): a group's change rows have neither a primary key (no
/// statement looks one up by `change_id`) nor a foreign key (the write holds the group's
/// lock already); deleting a group deletes them. Skips (with a printed reason) without
/// PERCOLATOR_TEST_POSTGRES_URL.
@Suite("PostgreSQL 0035 — group change rows without keys")
struct PostgresUnkeyedGroupChangesTests {
    @Test("no key on scim_resource_changes, its rows replicable; a deleted group takes its change rows along")
    func unkeyedChanges() async throws {
        try await withPostgresSchema { url in
            let store = try await PostgresStore.open(url: url, poolSize: 2)
            let tenant = try await store.createTenant(name: "changes").id
            let resources = PostgresResourceStore(store: store)
            let ann = try await resources.create(userJSON("ann"), kind: .user, tenant: tenant).id
            let group = try await resources.create(groupJSON("G"), kind: .group, tenant: tenant)
            let other = try await resources.create(groupJSON("H"), kind: .group, tenant: tenant)
            let addAnn: @Sendable (StoredResource) throws -> ResourceModification = { _ in
                ResourceModification(attributes: nil, addedMembers: [ann])
            }
            for target in [group, other] {
                let changed = try await resources.modify(id: target.id, kind: .group, tenant: tenant, expectedVersion: nil,
                                                         members: .none, addAnn)
                #expect(changed.version == target.version + 1)
            }
            try await offPool {
                let db = try PostgresConnection(url: url)
                let constraints = try db.query("""
                    SELECT contype::text FROM pg_constraint WHERE conrelid = 'scim_resource_changes'::regclass ORDER BY 1
                    """) { $0.string(0) }
                #expect(constraints.filter { $0 == "p" || $0 == "f" }.isEmpty, "\(constraints)")
                #expect(try db.queryOne("SELECT relreplident::text FROM pg_class WHERE oid = 'scim_resource_changes'::regclass") {
                    $0.string(0)
                } == "f")
                #expect(try db.queryOne("SELECT count(*) FROM scim_resource_changes") { $0.int64(0) } == 2)
            }
            try await resources.delete(id: group.id, kind: .group, tenant: tenant, expectedVersion: nil)
            try await offPool {
                let db = try PostgresConnection(url: url)
                #expect(try db.queryOne("SELECT count(*) FROM scim_resource_changes") { $0.int64(0) } == 1,
                        "the deleted group's change row is gone, the other group's stays")
            }
            #expect(try await resources.get(id: other.id, kind: .group, tenant: tenant, includeMembers: false)?.version
                    == other.version + 1)
        }
    }
}

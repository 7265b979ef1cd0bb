import Foundation
import Testing
@testable import Store

/// Issue 11: on PostgreSQL, a member PATCH adding or removing one member (as Entra ID and
/// Okta send them) writes its member row, its change row and reads the group's new version
/// in one statement. Skips (with a printed reason) without PERCOLATOR_TEST_POSTGRES_URL.
@Suite("PostgreSQL — one member added or removed in one round trip")
struct PostgresOneMemberChangeTests {
    @Test("one round trip per one-member change (apply made two), with the same versions, no-ops and refusals")
    func oneRoundTrip() async throws {
        try await withGroup { fixture in
            let (db, tables, tenant) = (fixture.db, fixture.tables, fixture.tenant)
            let (ann, bob, group) = (fixture.ann, fixture.bob, fixture.group)
            typealias Change = SQLiteResourceStore.ResourceChange
            // (round trips of the change, the group's version after it)
            func run(_ change: Change, oneStatement: Bool) throws -> (Int, Int64) {
                try db.transaction(.readCommitted) { db in
                    let current = try PostgresResourceStore.rowForMemberChange(id: group.id, tenant: tenant, in: db)
                    let before = db.roundTrips
                    let written = oneStatement
                        ? try tables.applyMembers(change, to: current, tenant: tenant, date: Date(), members: .none).resolved()
                        : try tables.apply(change, to: current, tenant: tenant, date: Date(), members: .none)
                    return (db.roundTrips - before, written.version)
                }
            }
            let add = Change(columns: nil, replacedMembers: nil, addedMembers: [bob])
            let remove = Change(columns: nil, replacedMembers: nil, removedMembers: [bob])
            // Each statement twice first: a connection prepares a statement on its second
            // run (a round trip of its own, once).
            for _ in 1...2 {
                for oneStatement in [false, true] {
                    _ = try run(add, oneStatement: oneStatement)
                    _ = try run(remove, oneStatement: oneStatement)
                }
            }
            let first = try PostgresResourceStore.row(id: group.id, kind: .group, tenant: tenant, in: db)?.resource.version ?? 0
            #expect(first == group.version + 8)
            #expect(try run(add, oneStatement: false) == (2, first + 1), "through apply: the member row, then the change row")
            #expect(try run(remove, oneStatement: false) == (2, first + 2))
            #expect(try run(add, oneStatement: true) == (1, first + 3))
            // Adding a member already there, removing one that is not: nothing changes.
            #expect(try run(add, oneStatement: true) == (1, first + 3))
            #expect(try run(Change(columns: nil, replacedMembers: nil, removedMembers: ["nobody"]), oneStatement: true) == (1, first + 3))
            #expect(try run(remove, oneStatement: true) == (1, first + 4))
            #expect(try run(add, oneStatement: true) == (1, first + 5))
            #expect(throws: ResourceStoreError.unknownMember(id: "nobody")) {
                _ = try run(Change(columns: nil, replacedMembers: nil, addedMembers: ["nobody"]), oneStatement: true)
            }
            let members = try PostgresResourceStore.members(of: group.id, tenant: tenant, in: db).map(\.value)
            #expect(Set(members) == [ann, bob])
            #expect(try PostgresResourceStore.row(id: group.id, kind: .group, tenant: tenant, in: db)?.resource.version == first + 5)
        }
    }

    @Test("the answer's member list goes with the COMMIT: a one-member change with its members is 3 round trips (main made 4)")
    func membersReadWithTheCommit() async throws {
        try await withGroup { fixture in
            let (db, tables, tenant) = (fixture.db, fixture.tables, fixture.tenant)
            let (ann, bob, group) = (fixture.ann, fixture.bob, fixture.group)
            typealias Change = SQLiteResourceStore.ResourceChange
            // (round trips of the whole transaction, the answer)
            func run(_ change: Change, _ inclusion: MemberInclusion) throws -> (Int, StoredResource) {
                let before = db.roundTrips
                let written = try db.transaction(.readCommitted) { db in
                    let current = try PostgresResourceStore.rowForMemberChange(id: group.id, tenant: tenant, in: db)
                    return try tables.applyMembers(change, to: current, tenant: tenant, date: Date(), members: inclusion)
                }
                return (db.roundTrips - before, try written.resolved())
            }
            let add = Change(columns: nil, replacedMembers: nil, addedMembers: [bob])
            let remove = Change(columns: nil, replacedMembers: nil, removedMembers: [bob])
            for _ in 1...2 {  // every statement prepared (its second run prepares it, a round trip once)
                _ = try run(add, .atMost(100))
                _ = try run(remove, .atMost(100))
            }
            let (addTrips, added) = try run(add, .atMost(100))
            #expect(addTrips == 3, "BEGIN + the group's row, the change, the member list + COMMIT")
            #expect(added.members?.map(\.value) == [ann, bob].sorted())
            #expect(added.members?.first(where: { $0.value == bob })?.display == "Bob B")
            let (removeTrips, removed) = try run(remove, .all)
            #expect(removeTrips == 3)
            #expect(removed.members?.map(\.value) == [ann])
            // Over the limit: no members in the answer (a 204), as before.
            let (_, over) = try run(add, .atMost(1))
            #expect(over.members == nil)
            // Without members asked for: no read at all.
            let (noneTrips, none) = try run(remove, .none)
            #expect(noneTrips == 3, "BEGIN + the group's row, the change, COMMIT")
            #expect(none.members == nil)
            #expect(try PostgresResourceStore.members(of: group.id, tenant: tenant, in: db).map(\.value) == [ann])
        }
    }

    /// What both tests start from, on a connection of its own.
    private struct Fixture {
        let db: PostgresConnection
        let tables: PostgresResourceTables
        let tenant: TenantID
        /// Users ann (a member of `group`) and bob (displayName "Bob B", not a member).
        let ann: String, bob: String
        let group: StoredResource
    }

    /// `body` with a fresh schema holding a tenant, two users and a group of one, off the
    /// concurrency pool.
    private func withGroup(_ body: @escaping @Sendable (Fixture) throws -> Void) async throws {
        try await withPostgresSchema { url in
            let store = try await PostgresStore.open(url: url, poolSize: 2)
            let tenant = try await store.createTenant(name: "one").id
            let resources = PostgresResourceStore(store: store)
            let ann = try await resources.create(userJSON("ann"), kind: .user, tenant: tenant).id
            let bob = try await resources.create(userJSON("bob", displayName: "Bob B"), kind: .user, tenant: tenant).id
            let group = try await resources.create(groupJSON("G", members: [ann]), kind: .group, tenant: tenant)
            try await offPool {
                let db = try PostgresConnection(url: url)
                try body(Fixture(db: db, tables: PostgresResourceTables(db: db, observer: nil), tenant: tenant,
                                 ann: ann, bob: bob, group: group))
            }
        }
    }
}

import SCIM
import Testing
@testable import Store

@Suite("SQLiteResourceStore — group membership (RFC 7643 §4.2, RFC 7644 §3.5.2)")
struct SQLiteResourceStoreWriteTests {
    @Test("members carry value, type and display; a User's groups are computed")
    func membersAndGroups() async throws {
        try await withResourceStore { store, a, _ in
            let alice = try await store.create(userJSON("alice", displayName: "Alice A"), kind: .user, tenant: a)
            let bob = try await store.create(userJSON("bob"), kind: .user, tenant: a)
            let inner = try await store.create(groupJSON("Inner"), kind: .group, tenant: a)
            let group = try await store.create(groupJSON("Staff", members: [alice.id, bob.id.uppercased(), inner.id, alice.id]),
                                               kind: .group, tenant: a)
            #expect(group.attributes[attribute: "members"] == nil)
            let expected = [
                MemberReference(value: alice.id, kind: .user, display: "Alice A"),
                MemberReference(value: bob.id, kind: .user, display: "bob"),
                MemberReference(value: inner.id, kind: .group, display: "Inner"),
            ].sorted { $0.value < $1.value }
            #expect(group.members == expected)
            let fetched = try await store.get(id: group.id, kind: .group, tenant: a, includeMembers: true)
            #expect(fetched?.members == expected)
            #expect(try await store.get(id: group.id, kind: .group, tenant: a, includeMembers: false)?.members == nil)
            let user = try await store.get(id: alice.id, kind: .user, tenant: a, includeMembers: true)
            #expect(user?.groups == [MemberReference(value: group.id, kind: .group, display: "Staff")])
            let groups = user?.rendered()[attribute: "groups"]?.arrayValue
            #expect(groups?.first?[attribute: "type"] == "direct")
        }
    }

    @Test("an unknown member is named in the error and nothing is stored")
    func unknownMember() async throws {
        try await withResourceStore { store, a, _ in
            let alice = try await store.create(userJSON("alice"), kind: .user, tenant: a)
            let missing = "00000000-0000-4000-8000-000000000000"
            await #expect(throws: ResourceStoreError.unknownMember(id: missing)) {
                try await store.create(groupJSON("G", members: [alice.id, missing]), kind: .group, tenant: a)
            }
            #expect(try await store.list(ResourceQuery(), kind: .group, tenant: a).total == 0)
            #expect(try await store.rowCount("scim_group_members", tenant: a) == 0)
            let group = try await store.create(groupJSON("G"), kind: .group, tenant: a)
            await #expect(throws: ResourceStoreError.unknownMember(id: missing)) {
                try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil, includeMembers: false) { _ in
                    ResourceModification(addedMembers: [alice.id, missing])
                }
            }
            #expect(try await store.rowCount("scim_group_members", tenant: a) == 0)
            #expect(try await store.rawRow(id: group.id)?.version == 1)
        }
    }

    @Test("adding or removing one member inserts or deletes one row and touches only version and lastModified")
    func deltaDoesNotRewriteGroup() async throws {
        let clock = TestClock()
        try await withResourceStore(clock: clock) { store, a, _ in
            var created: [String] = []
            for index in 0..<50 {
                created.append(try await store.create(userJSON("user\(index)"), kind: .user, tenant: a).id)
            }
            let ids = created
            let group = try await store.create(groupJSON("Big", members: Array(ids.prefix(49))), kind: .group, tenant: a)
            let before = try #require(try await store.rawRow(id: group.id))
            clock.advance(by: 1)
            let added = try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: 1, includeMembers: false) { seen in
                #expect(seen.members == nil)  // the other 49 are not loaded
                return ResourceModification(addedMembers: [ids[49]])
            }
            #expect(added.version == 2 && added.members == nil)
            let after = try #require(try await store.rawRow(id: group.id))
            #expect(after.json == before.json && after.version == 2 && after.lastModified > before.lastModified)
            #expect(try await store.rowCount("scim_group_members", tenant: a) == 50)
            // Adding a present member or removing an absent one changes nothing.
            let again = try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil, includeMembers: false) { _ in
                ResourceModification(addedMembers: [ids[49]], removedMembers: ["not-a-member"])
            }
            #expect(again.version == 2)
            let removed = try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: 2, includeMembers: true) { _ in
                ResourceModification(removedMembers: [ids[0]])
            }
            #expect(removed.version == 3 && removed.members?.count == 49)
            #expect(try await store.rawRow(id: group.id)?.json == before.json)
        }
    }

    @Test("replacedMembers and PUT set the member list; a User cannot take members")
    func replaceMembers() async throws {
        try await withResourceStore { store, a, _ in
            let u1 = try await store.create(userJSON("u1"), kind: .user, tenant: a)
            let u2 = try await store.create(userJSON("u2"), kind: .user, tenant: a)
            let group = try await store.create(groupJSON("G", members: [u1.id]), kind: .group, tenant: a)
            let replaced = try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil, includeMembers: true) { _ in
                ResourceModification(replacedMembers: [u2.id])
            }
            #expect(replaced.members?.map(\.value) == [u2.id] && replaced.version == 2)
            let put = try await store.replace(id: group.id, kind: .group, tenant: a, expectedVersion: 2,
                                              groupJSON("G", members: [u1.id, u2.id]))
            #expect(put.members?.count == 2 && put.version == 3)
            let same = try await store.replace(id: group.id, kind: .group, tenant: a, expectedVersion: 3,
                                               groupJSON("G", members: [u2.id, u1.id]))
            #expect(same.version == 3)
            await #expect(throws: ResourceStoreError.self) {
                try await store.modify(id: u1.id, kind: .user, tenant: a, expectedVersion: nil, includeMembers: false) { _ in
                    ResourceModification(addedMembers: [u2.id])
                }
            }
        }
    }

    @Test("renaming a group keeps its members; a taken displayName fails without applying deltas")
    func renameGroup() async throws {
        try await withResourceStore { store, a, _ in
            let u1 = try await store.create(userJSON("u1"), kind: .user, tenant: a)
            _ = try await store.create(groupJSON("Taken"), kind: .group, tenant: a)
            let group = try await store.create(groupJSON("G", members: [u1.id]), kind: .group, tenant: a)
            let u2 = try await store.create(userJSON("u2"), kind: .user, tenant: a)
            await #expect(throws: ResourceStoreError.uniqueness(attribute: "displayName")) {
                try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil, includeMembers: false) {
                    var attributes = $0.attributes
                    attributes[attribute: "displayName"] = "taken"
                    return ResourceModification(attributes: attributes, addedMembers: [u2.id])
                }
            }
            #expect(try await store.rowCount("scim_group_members", tenant: a) == 1)
            let renamed = try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil, includeMembers: true) {
                var attributes = $0.attributes
                attributes[attribute: "displayName"] = "Renamed"
                return ResourceModification(attributes: attributes)
            }
            #expect(renamed.members?.map(\.value) == [u1.id] && renamed.version == 2)
            let user = try await store.get(id: u1.id, kind: .user, tenant: a, includeMembers: true)
            #expect(user?.groups?.first?.display == "Renamed")
        }
    }
}

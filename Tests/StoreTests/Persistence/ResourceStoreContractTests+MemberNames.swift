import Coffee
import Foundation
import SCIM
import Testing
@testable import Store

/// A member's `display` (RFC 7643 §4.2 `members.display`) is its current name wherever the
/// group is read: after a User's `displayName` or `userName` changes (PUT or PATCH), after
/// a member Group is renamed, in a membership PATCH's answer and in a read, on both
/// backends. PostgreSQL keeps the name in the member row (migration 0037, issue 11); a
/// `display` the client sent stays as given.
@Suite("Resource store contract — members' names follow renames, on SQLite and PostgreSQL")
struct MemberNameContractTests {
    @Test("renamed users and groups show their new names in every group's members", arguments: StorageBackend.allCases)
    func renames(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let a = try await backend.tenant("a")
            let store = backend.resources
            let ann = try await store.create(userJSON("ann"), kind: .user, tenant: a).id
            let bob = try await store.create(userJSON("bob", displayName: "Bob B"), kind: .user, tenant: a).id
            let cid = try await store.create(userJSON("cid"), kind: .user, tenant: a).id
            let one = try await store.create(groupJSON("One", members: [ann, bob]), kind: .group, tenant: a).id
            let two = try await store.create(groupJSON("Two", members: [bob, one]), kind: .group, tenant: a).id
            // The names each group shows, by member id: read, and in a membership PATCH's answer.
            func names(_ group: String) async throws -> [String: String?] {
                let read = try #require(try await store.group(id: group, tenant: a, memberLimit: 100))
                let answered = try await store.modify(id: group, kind: .group, tenant: a, expectedVersion: nil,
                                                      members: .atMost(100)) { _ in
                    ResourceModification(addedMembers: [cid])
                }
                _ = try await store.modify(id: group, kind: .group, tenant: a, expectedVersion: nil, members: .none) { _ in
                    ResourceModification(removedMembers: [cid])
                }
                let shown = Dictionary(uniqueKeysWithValues: (read.members ?? []).map { ($0.value, $0.display) })
                let inAnswer = Dictionary(uniqueKeysWithValues: (answered.members ?? [])
                    .filter { $0.value != cid }.map { ($0.value, $0.display) })
                #expect(shown == inAnswer, "a read and a PATCH's answer show the same names")
                return shown
            }
            #expect(try await names(one) == [ann: "ann", bob: "Bob B"])
            #expect(try await names(two) == [bob: "Bob B", one: "One"])
            // PUT: bob's displayName changes; ann's userName changes (she has no displayName).
            _ = try await store.replace(id: bob, kind: .user, tenant: a, expectedVersion: nil, userJSON("bob", displayName: "Robert"))
            _ = try await store.replace(id: ann, kind: .user, tenant: a, expectedVersion: nil, userJSON("anna"))
            #expect(try await names(one) == [ann: "anna", bob: "Robert"])
            #expect(try await names(two) == [bob: "Robert", one: "One"])
            // PATCH: bob loses his displayName (his userName shows); the member group is renamed.
            _ = try await store.modify(id: bob, kind: .user, tenant: a, expectedVersion: nil, includeMembers: false) { current in
                var attributes = current.attributes
                attributes["displayName"] = nil
                return ResourceModification(attributes: attributes)
            }
            _ = try await store.replace(id: one, kind: .group, tenant: a, expectedVersion: nil, groupJSON("Uno", members: [ann, bob]))
            #expect(try await names(one) == [ann: "anna", bob: "bob"])
            #expect(try await names(two) == [bob: "bob", one: "Uno"])
            // A display the client sent is kept as given, whatever the member's name.
            _ = try await store.modify(id: two, kind: .group, tenant: a, expectedVersion: nil, includeMembers: false) { _ in
                var change = ResourceModification(addedMembers: [ann])
                change.memberDisplays = [ann: "As sent"]
                return change
            }
            _ = try await store.replace(id: ann, kind: .user, tenant: a, expectedVersion: nil, userJSON("ann", displayName: "Ann A"))
            #expect(try await names(two) == [ann: "As sent", bob: "bob", one: "Uno"])
            #expect(try await names(one) == [ann: "Ann A", bob: "bob"])
            // The user's groups still show the groups' names.
            let user = try #require(try await store.get(id: bob, kind: .user, tenant: a, includeMembers: true))
            #expect(Set(user.groups?.map { $0.display ?? "" } ?? []) == ["Uno", "Two"])
        }
    }

    @Test("group PUTs that add members while those members are renamed: every write succeeds, the group shows the last names",
          arguments: StorageBackend.allCases)
    func renamesDuringPuts(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let a = try await backend.tenant("a")
            let store = backend.resources
            var created: [String] = []
            for index in 0..<6 { created.append(try await store.create(userJSON("u\(index)"), kind: .user, tenant: a).id) }
            let users = created
            let kept = Array(users.prefix(3)), renamed = Array(users.suffix(3))
            let group = try await store.create(groupJSON("G", members: kept), kind: .group, tenant: a).id
            // PostgreSQL: a PUT adding a member locks its row FOR SHARE (migration 0037) while
            // a rename locks it to update it and then renames its member rows; the two can
            // wait on each other, and a lost race is retried inside the store, never thrown.
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    for round in 0..<20 {
                        _ = try await store.replace(id: group, kind: .group, tenant: a, expectedVersion: nil,
                                                    groupJSON("G", members: round.isMultiple(of: 2) ? users : kept))
                    }
                }
                for (index, user) in renamed.enumerated() {
                    tasks.addTask {
                        for round in 0..<20 {
                            _ = try await store.replace(id: user, kind: .user, tenant: a, expectedVersion: nil,
                                                        userJSON("u\(index + 3)", displayName: "Name \(round)"))
                        }
                    }
                }
                try await tasks.waitForAll()
            }
            _ = try await store.replace(id: group, kind: .group, tenant: a, expectedVersion: nil, groupJSON("G", members: users))
            let read = try #require(try await store.group(id: group, tenant: a, memberLimit: 100))
            let shown = Dictionary(uniqueKeysWithValues: (read.members ?? []).map { ($0.value, $0.display) })
            #expect(shown == Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, Optional("u\($0)")) }
                        + renamed.map { ($0, Optional("Name 19")) }))
        }
    }
}

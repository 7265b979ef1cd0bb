import Coffee
import Foundation
import SCIM
import Testing
@testable import Store

/// Group member PATCHes without `If-Match`, which PostgreSQL runs side by side (each
/// inserts a change row instead of updating the group's, migration 0027): nothing lost,
/// versions counting every change once, on both backends.
@Suite("Group member changes — concurrent PATCHes of one group on SQLite and PostgreSQL")
struct GroupMemberChangeContractTests {
    @Test("80 concurrent member PATCHes of one group: every one applied, counted once in the version across folds, each with its own event number",
          arguments: StorageBackend.allCases)
    func concurrentChanges(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let a = try await backend.tenant("a")
            let store = backend.observed(MembershipEventWriter())
            var users: [String] = []
            for index in 0..<40 { users.append(try await store.create(userJSON("u\(index)"), kind: .user, tenant: a).id) }
            let group = try await store.create(groupJSON("G", members: Array(users[0..<20])), kind: .group, tenant: a)
            // 20 added, 20 removed, all at once: more than PostgreSQL's fold threshold (32).
            let versions = try await withThrowingTaskGroup(of: Int64.self) { tasks in
                for (index, user) in users.enumerated() {
                    tasks.addTask {
                        try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil, includeMembers: false) { _ in
                            index < 20 ? ResourceModification(removedMembers: [user]) : ResourceModification(addedMembers: [user])
                        }.version
                    }
                }
                return try await tasks.reduce(into: [Int64]()) { $0.append($1) }
            }
            // And 40 more, undoing them: 80 changes in all.
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                for (index, user) in users.enumerated() {
                    tasks.addTask {
                        _ = try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil, includeMembers: false) { _ in
                            index < 20 ? ResourceModification(addedMembers: [user]) : ResourceModification(removedMembers: [user])
                        }
                    }
                }
                try await tasks.waitForAll()
            }
            let stored = try #require(try await store.group(id: group.id, tenant: a, memberLimit: 100))
            #expect(Set(stored.members?.map(\.value) ?? []) == Set(users[0..<20]), "every add and remove applied")
            #expect(stored.version == 81, "each of the 80 changes counted once, folded or not")
            #expect(versions.allSatisfy { (2...81).contains($0) }, "an answer's version is never ahead of the committed ones")
            let events = try await backend.persistence.read { tx in
                try tx.outbox.page(tenant: a, after: 0, limit: 1_000, kind: EventKind.groupMembershipChanged.rawValue)
            }
            #expect(events.count == 80 && Set(events.map(\.idempotencyKey)).count == 80,
                    "each change has an event of its own: none dropped as a duplicate of another's number")
            let read = try #require(try await store.get(id: group.id, kind: .group, tenant: a, includeMembers: false))
            #expect(read.version == 81 && read.lastModified == stored.lastModified)
        }
    }

    @Test("a group's lastModified is its latest change, before and after its changes are folded", arguments: StorageBackend.allCases)
    func lastModifiedAcrossFolds(_ backend: StorageBackend) async throws {
        let clock = TestClock()
        try await withBackend(backend, clock: clock) { backend in
            let a = try await backend.tenant("a")
            let store = backend.resources
            var users: [String] = []
            for index in 0..<40 { users.append(try await store.create(userJSON("u\(index)"), kind: .user, tenant: a).id) }
            let group = try await store.create(groupJSON("G"), kind: .group, tenant: a)
            for (index, user) in users.enumerated() {
                clock.advance(by: 1)
                let changed = try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil,
                                                     includeMembers: false) { _ in ResourceModification(addedMembers: [user]) }
                let read = try #require(try await store.get(id: group.id, kind: .group, tenant: a, includeMembers: false))
                #expect(changed.version == Int64(index + 2) && read.version == changed.version)
                #expect(read.lastModified == Timestamp.string(from: clock.now) && changed.lastModified == read.lastModified)
            }
            let sorted = try await store.list(ResourceQuery(filter: try FilterParser.parse(
                #"meta.lastModified gt "\#(Timestamp.string(from: clock.now.addingTimeInterval(-0.5)))""#)), kind: .group, tenant: a)
            #expect(sorted.resources.map(\.id) == [group.id], "a filter on meta.lastModified sees the latest change")
        }
    }

    @Test("a group PATCH without If-Match that renames as well, or replaces the members, runs as one write of the whole group",
          arguments: StorageBackend.allCases)
    func wholeGroupPatches(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let a = try await backend.tenant("a")
            let store = backend.resources
            let ann = try await store.create(userJSON("ann"), kind: .user, tenant: a)
            let bob = try await store.create(userJSON("bob"), kind: .user, tenant: a)
            let group = try await store.create(groupJSON("G", members: [ann.id]), kind: .group, tenant: a)
            let renamed = try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil, includeMembers: true) { current in
                var attributes = current.attributes
                attributes[attribute: "displayName"] = .string("Renamed")
                return ResourceModification(attributes: attributes, addedMembers: [bob.id])
            }
            #expect(renamed.version == 2 && renamed.attributes[attribute: "displayName"]?.stringValue == "Renamed")
            #expect(Set(renamed.members?.map(\.value) ?? []) == [ann.id, bob.id])
            let replaced = try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil, includeMembers: true) { _ in
                ResourceModification(replacedMembers: [bob.id])
            }
            #expect(replaced.version == 3 && replaced.members?.map(\.value) == [bob.id])
            let unchanged = try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil, includeMembers: false) { _ in
                ResourceModification(addedMembers: [bob.id])
            }
            #expect(unchanged.version == 3, "adding a present member changes nothing")
            let read = try #require(try await store.get(id: group.id, kind: .group, tenant: a, includeMembers: true))
            #expect(read.version == 3 && read.attributes[attribute: "displayName"]?.stringValue == "Renamed"
                    && read.members?.map(\.value) == [bob.id])
        }
    }
}

/// Appends a `GroupMembershipChanged` event for every `membersChanged` write, numbered
/// as the provisioning observer numbers it, in the write's transaction: an event whose
/// idempotency key another already holds is dropped.
struct MembershipEventWriter: ResourceWriteObserver {
    func resourceWritten(_ write: ResourceWrite, tenant: TenantID, at date: Date, in transaction: any StorageTransaction) throws {
        guard case .membersChanged(let groupID, let number, let added, let removed) = write else { return }
        let header = EventHeader(tenantID: tenant, subject: groupID, sequence: Int(number), occurredAt: date)
        _ = try transaction.outbox.append([.groupMembershipChanged(GroupMembershipChanged(
            header: header, added: added.map(MemberID.init), removed: removed.map(MemberID.init)))])
    }
}

import Coffee
import Foundation
import SCIM
import Synchronization
import Testing
@testable import Store

/// What a SCIM write does first in its transaction, and what it reads back in it, the same
/// assertions on SQLite and on PostgreSQL: the observer's `writeBegins` runs in every
/// create, replace, patch (a no-op one too) and delete, and a refusal there rolls the write
/// back; a PATCH returns a Group's members up to a bound (issues 10 and 11: one
/// transaction per write request).
@Suite("Resource store contract — the write's check and its answer, in one transaction, on SQLite and PostgreSQL")
struct ResourceWriteCheckContractTests {
    /// Counts `writeBegins` calls, and refuses them while `refusing`.
    final class CheckingObserver: ResourceWriteObserver {
        struct Refused: Error {}
        private let state = Mutex((begins: 0, refusing: false))

        var begins: Int { state.withLock { $0.begins } }
        func refuse(_ refusing: Bool) { state.withLock { $0.refusing = refusing } }

        func writeBegins(tenant: TenantID, in transaction: any StorageTransaction) throws {
            let refusing = state.withLock { state in
                state.begins += 1
                return state.refusing
            }
            if refusing { throw Refused() }
        }

        func resourceWritten(_ write: ResourceWrite, tenant: TenantID, at date: Date, in transaction: any StorageTransaction) throws {}
    }

    static func refused(_ body: () async throws -> Void) async -> Bool {
        do {
            try await body()
            return false
        } catch {
            return error is CheckingObserver.Refused
        }
    }

    @Test("writeBegins runs first in every write, a no-op PATCH too, and its refusal rolls the write back",
          arguments: StorageBackend.allCases)
    func checkFirst(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let a = try await backend.tenant("a")
            let observer = CheckingObserver()
            let store = backend.observed(observer)
            let ann = try await store.create(userJSON("ann"), kind: .user, tenant: a)
            #expect(observer.begins == 1)
            let same = try await store.modify(id: ann.id, kind: .user, tenant: a, expectedVersion: nil, members: .none) { _ in .unchanged }
            #expect(same.version == 1 && observer.begins == 2, "a PATCH that changes nothing is checked too")
            _ = try await store.replace(id: ann.id, kind: .user, tenant: a, expectedVersion: nil, userJSON("ann"))
            #expect(observer.begins == 3)

            observer.refuse(true)
            #expect(await Self.refused { _ = try await store.create(userJSON("bob"), kind: .user, tenant: a) })
            #expect(await Self.refused {
                _ = try await store.modify(id: ann.id, kind: .user, tenant: a, expectedVersion: nil, members: .none) { _ in
                    ResourceModification(attributes: userJSON("ann", displayName: "Ann"))
                }
            })
            #expect(await Self.refused { _ = try await store.replace(id: ann.id, kind: .user, tenant: a, expectedVersion: nil,
                                                                     userJSON("ann", displayName: "Ann")) })
            #expect(await Self.refused { try await store.delete(id: ann.id, kind: .user, tenant: a, expectedVersion: nil) })
            #expect(observer.begins == 7)
            observer.refuse(false)
            let page = try await store.list(ResourceQuery(), kind: .user, tenant: a)
            #expect(page.resources.map(\.id) == [ann.id], "the refused create stored nothing, the refused delete kept ann")
            let read = try #require(try await store.get(id: ann.id, kind: .user, tenant: a, includeMembers: false))
            #expect(read.version == 1 && read.attributes["displayName"] == nil, "the refused PATCH and PUT changed nothing")
            try await store.delete(id: ann.id, kind: .user, tenant: a, expectedVersion: nil)
            #expect(observer.begins == 8)
        }
    }

    @Test("a PATCH returns a Group's members while it has at most the bound, none beyond; a User's groups",
          arguments: StorageBackend.allCases)
    func boundedMembers(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let a = try await backend.tenant("a")
            let store = backend.resources
            let ann = try await store.create(userJSON("ann"), kind: .user, tenant: a)
            let bob = try await store.create(userJSON("bob", displayName: "Bobby"), kind: .user, tenant: a)
            let group = try await store.create(groupJSON("G", members: [ann.id]), kind: .group, tenant: a)
            let added = try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil, members: .atMost(2)) { _ in
                ResourceModification(addedMembers: [bob.id])
            }
            #expect(added.version == 2)
            #expect(added.members?.map(\.value) == [ann.id, bob.id].sorted(), "two members, bound 2: returned")
            #expect(added.members?.first { $0.value == bob.id }?.display == "Bobby")
            let beyond = try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil, members: .atMost(1)) { _ in
                .unchanged
            }
            #expect(beyond.version == 2 && beyond.members == nil, "two members, bound 1: none")
            let none = try await store.modify(id: group.id, kind: .group, tenant: a, expectedVersion: nil, members: .none) { _ in
                ResourceModification(removedMembers: [ann.id])
            }
            #expect(none.version == 3 && none.members == nil)
            let user = try await store.modify(id: bob.id, kind: .user, tenant: a, expectedVersion: nil, members: .atMost(0)) { _ in
                .unchanged
            }
            #expect(user.groups?.map(\.value) == [group.id], "a User's groups whatever the bound")
        }
    }
}

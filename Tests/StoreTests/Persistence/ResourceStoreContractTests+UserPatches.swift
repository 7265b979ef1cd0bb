import Coffee
import Foundation
import SCIM
import Testing
@testable import Store

/// A User's PATCH is computed before the writer on SQLite (issue 10: read, transform and
/// encode on a reader's snapshot, applied only while the row keeps the version it was
/// computed from). These hold on both backends: concurrent PATCHes of one User, each
/// computed from what it read, lose none; `If-Match` and a transform's error behave as
/// they did when everything ran in the write transaction.
@Suite("Resource store contract — a User's PATCH computed from the version it read, on SQLite and PostgreSQL")
struct ResourceStoreUserPatchTests {
    @Test("16 concurrent PATCHes of one User, each appending to what it read, lose none (with and without its groups)",
          arguments: StorageBackend.allCases, [false, true])
    func concurrentPatchesOfOneUser(_ backend: StorageBackend, groups: Bool) async throws {
        try await withBackend(backend) { backend in
            let a = try await backend.tenant("a")
            let store = backend.resources
            let ada = try await store.create(userJSON("ada", title: "t"), kind: .user, tenant: a)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                for index in 0..<16 {
                    tasks.addTask {
                        _ = try await store.modify(id: ada.id, kind: .user, tenant: a, expectedVersion: nil,
                                                   includeMembers: groups) { current in
                            var attributes = current.attributes
                            let title = attributes[attribute: "title"]?.stringValue ?? ""
                            attributes[attribute: "title"] = .string(title + ",\(index)")
                            return ResourceModification(attributes: attributes)
                        }
                    }
                }
                try await tasks.waitForAll()
            }
            let stored = try #require(try await store.get(id: ada.id, kind: .user, tenant: a, includeMembers: false))
            let parts = (stored.attributes[attribute: "title"]?.stringValue ?? "").split(separator: ",").map(String.init)
            #expect(Set(parts) == Set(["t"] + (0..<16).map(String.init)) && parts.count == 17)
            #expect(stored.version == 17)
        }
    }

    @Test("If-Match of an older version is refused; a transform's error reaches the caller and changes nothing",
          arguments: StorageBackend.allCases)
    func ifMatchAndErrors(_ backend: StorageBackend) async throws {
        struct Refused: Error {}
        try await withBackend(backend) { backend in
            let a = try await backend.tenant("a")
            let store = backend.resources
            let ada = try await store.create(userJSON("ada", title: "one"), kind: .user, tenant: a)
            let retitled = { @Sendable (title: String) -> @Sendable (StoredResource) throws -> ResourceModification in
                { current in
                    var attributes = current.attributes
                    attributes[attribute: "title"] = .string(title)
                    return ResourceModification(attributes: attributes)
                }
            }
            let two = try await store.modify(id: ada.id, kind: .user, tenant: a, expectedVersion: 1, includeMembers: false,
                                             retitled("two"))
            #expect(two.version == 2)
            let stale = await ResourceStoreContractTests.resourceError {
                _ = try await store.modify(id: ada.id, kind: .user, tenant: a, expectedVersion: 1, includeMembers: false,
                                           retitled("three"))
            }
            #expect(stale == .versionMismatch(current: 2))
            await #expect(throws: Refused.self) {
                _ = try await store.modify(id: ada.id, kind: .user, tenant: a, expectedVersion: nil, includeMembers: false) { _ in
                    throw Refused()
                }
            }
            let missing = await ResourceStoreContractTests.resourceError {
                _ = try await store.modify(id: "no-such-id", kind: .user, tenant: a, expectedVersion: nil, includeMembers: false,
                                           retitled("four"))
            }
            #expect(missing == .notFound)
            let stored = try #require(try await store.get(id: ada.id, kind: .user, tenant: a, includeMembers: false))
            #expect(stored.version == 2 && stored.attributes[attribute: "title"] == .string("two"))
        }
    }
}

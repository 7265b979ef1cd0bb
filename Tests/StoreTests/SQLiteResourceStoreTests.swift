import Foundation
import SCIM
import Testing
@testable import Store

@Suite("SQLiteResourceStore — CRUD, tenants, uniqueness, versions (RFC 7644 §3.3–3.6, §3.14)")
struct SQLiteResourceStoreTests {
    @Test("create assigns a lower-case UUID v7, version 1 and equal timestamps; get returns the same")
    func createAndGet() async throws {
        try await withResourceStore { store, a, _ in
            var input = userJSON("bjensen", displayName: "Babs", externalId: "EXT-1", active: true)
            input["id"] = "client-chosen"
            input["meta"] = ["version": "W/\"99\""]
            input["groups"] = [["value": "g"]]
            let created = try await store.create(input, kind: .user, tenant: a)
            #expect(created.id.count == 36 && created.id == created.id.lowercased())
            #expect(created.id.split(separator: "-")[2].first == "7")
            #expect(created.version == 1 && created.etag == #"W/"1""#)
            #expect(created.created == created.lastModified)
            #expect(created.attributes[attribute: "id"] == nil && created.attributes[attribute: "meta"] == nil)
            #expect(created.attributes[attribute: "groups"] == nil)
            #expect(created.attributes[attribute: "externalId"] == "EXT-1")
            let fetched = try await store.get(id: created.id, kind: .user, tenant: a, includeMembers: true)
            #expect(fetched == created)
            let rendered = created.rendered()
            #expect(rendered.keys.prefix(2) == ["schemas", "id"])
            #expect(rendered[attribute: "meta"]?[attribute: "version"] == #"W/"1""#)
            #expect(rendered[attribute: "meta"]?[attribute: "resourceType"] == "User")
        }
    }

    @Test("a resource of tenant A does not exist for tenant B: get, list, replace, modify, delete")
    func tenantIsolation() async throws {
        try await withResourceStore { store, a, b in
            let user = try await store.create(userJSON("shared"), kind: .user, tenant: a)
            #expect(try await store.get(id: user.id, kind: .user, tenant: b, includeMembers: true) == nil)
            #expect(try await store.list(ResourceQuery(), kind: .user, tenant: b).total == 0)
            let filtered = try await store.list(ResourceQuery(filter: .compare(AttributePath(name: "id"), .eq, .string(user.id))),
                                                kind: .user, tenant: b)
            #expect(filtered.total == 0)
            await #expect(throws: ResourceStoreError.notFound) {
                try await store.replace(id: user.id, kind: .user, tenant: b, expectedVersion: nil, userJSON("x"))
            }
            await #expect(throws: ResourceStoreError.notFound) {
                try await store.modify(id: user.id, kind: .user, tenant: b, expectedVersion: nil, includeMembers: false) { _ in .unchanged }
            }
            await #expect(throws: ResourceStoreError.notFound) {
                try await store.delete(id: user.id, kind: .user, tenant: b, expectedVersion: nil)
            }
            // B may use the same userName, and may not reference A's user as a member.
            _ = try await store.create(userJSON("SHARED"), kind: .user, tenant: b)
            await #expect(throws: ResourceStoreError.unknownMember(id: user.id)) {
                try await store.create(groupJSON("g", members: [user.id]), kind: .group, tenant: b)
            }
            #expect(try await store.get(id: user.id, kind: .user, tenant: a, includeMembers: false)?.version == 1)
        }
    }

    @Test("a User is not a Group: the same id under the other type is not found")
    func typesAreSeparate() async throws {
        try await withResourceStore { store, a, _ in
            let user = try await store.create(userJSON("u"), kind: .user, tenant: a)
            #expect(try await store.get(id: user.id, kind: .group, tenant: a, includeMembers: false) == nil)
        }
    }

    @Test("userName is unique per tenant ignoring case, on create and on replace")
    func userNameUniqueness() async throws {
        try await withResourceStore { store, a, _ in
            _ = try await store.create(userJSON("BJensen"), kind: .user, tenant: a)
            await #expect(throws: ResourceStoreError.uniqueness(attribute: "userName")) {
                try await store.create(userJSON("bjensen"), kind: .user, tenant: a)
            }
            let other = try await store.create(userJSON("other"), kind: .user, tenant: a)
            await #expect(throws: ResourceStoreError.uniqueness(attribute: "userName")) {
                try await store.replace(id: other.id, kind: .user, tenant: a, expectedVersion: nil, userJSON("BJENSEN"))
            }
            #expect(try await store.get(id: other.id, kind: .user, tenant: a, includeMembers: false)?.attributes[attribute: "userName"] == "other")
        }
    }

    @Test("Group displayName is unique per tenant ignoring case; User displayName is not")
    func displayNameUniqueness() async throws {
        try await withResourceStore { store, a, b in
            _ = try await store.create(groupJSON("Staff"), kind: .group, tenant: a)
            await #expect(throws: ResourceStoreError.uniqueness(attribute: "displayName")) {
                try await store.create(groupJSON("STAFF"), kind: .group, tenant: a)
            }
            _ = try await store.create(groupJSON("staff"), kind: .group, tenant: b)
            _ = try await store.create(userJSON("u1", displayName: "Same"), kind: .user, tenant: a)
            _ = try await store.create(userJSON("u2", displayName: "Same"), kind: .user, tenant: a)
            _ = try await store.create(userJSON("u3", displayName: "Staff"), kind: .user, tenant: a)
        }
    }

    @Test("invalid resources are refused: a User without userName, a Group without displayName")
    func invalidResources() async throws {
        try await withResourceStore { store, a, _ in
            await #expect(throws: ResourceStoreError.self) { try await store.create(JSONObject(), kind: .user, tenant: a) }
            await #expect(throws: ResourceStoreError.self) { try await store.create(userJSON(""), kind: .user, tenant: a) }
            await #expect(throws: ResourceStoreError.self) { try await store.create(JSONObject(), kind: .group, tenant: a) }
        }
    }

    @Test("the version grows only on real changes; If-Match with another version fails with the current one")
    func versionRules() async throws {
        let clock = TestClock()
        try await withResourceStore(clock: clock) { store, a, _ in
            let user = try await store.create(userJSON("v", title: "A"), kind: .user, tenant: a)
            clock.advance(by: 1)
            let same = try await store.replace(id: user.id, kind: .user, tenant: a, expectedVersion: 1, userJSON("v", title: "A"))
            #expect(same.version == 1 && same.lastModified == user.lastModified)
            let changed = try await store.replace(id: user.id, kind: .user, tenant: a, expectedVersion: 1, userJSON("v", title: "B"))
            #expect(changed.version == 2 && changed.lastModified > user.lastModified && changed.created == user.created)
            await #expect(throws: ResourceStoreError.versionMismatch(current: 2)) {
                try await store.replace(id: user.id, kind: .user, tenant: a, expectedVersion: 1, userJSON("v", title: "C"))
            }
            let noop = try await store.modify(id: user.id, kind: .user, tenant: a, expectedVersion: 2, includeMembers: false) {
                ResourceModification(attributes: $0.attributes)
            }
            #expect(noop.version == 2)
            let patched = try await store.modify(id: user.id, kind: .user, tenant: a, expectedVersion: nil, includeMembers: false) {
                var attributes = $0.attributes
                attributes[attribute: "title"] = "D"
                return ResourceModification(attributes: attributes)
            }
            #expect(patched.version == 3)
            #expect(try await store.get(id: user.id, kind: .user, tenant: a, includeMembers: false) == patched)
            await #expect(throws: ResourceStoreError.versionMismatch(current: 3)) {
                try await store.delete(id: user.id, kind: .user, tenant: a, expectedVersion: 2)
            }
        }
    }

    @Test("modify rolls back everything when the closure throws")
    func modifyThrows() async throws {
        struct Refused: Error {}
        try await withResourceStore { store, a, _ in
            let user = try await store.create(userJSON("m"), kind: .user, tenant: a)
            await #expect(throws: Refused.self) {
                try await store.modify(id: user.id, kind: .user, tenant: a, expectedVersion: nil, includeMembers: false) { _ in
                    throw Refused()
                }
            }
            #expect(try await store.get(id: user.id, kind: .user, tenant: a, includeMembers: true) == user)
        }
    }

    @Test("delete removes the resource, its emails and its memberships")
    func deleteCascades() async throws {
        try await withResourceStore { store, a, _ in
            let user = try await store.create(userJSON("d", emails: [("d@x.org", "work", true)]), kind: .user, tenant: a)
            let group = try await store.create(groupJSON("G", members: [user.id]), kind: .group, tenant: a)
            try await store.delete(id: user.id, kind: .user, tenant: a, expectedVersion: 1)
            #expect(try await store.get(id: user.id, kind: .user, tenant: a, includeMembers: false) == nil)
            #expect(try await store.rowCount("scim_emails", tenant: a) == 0)
            #expect(try await store.rowCount("scim_group_members", tenant: a) == 0)
            let after = try await store.get(id: group.id, kind: .group, tenant: a, includeMembers: true)
            #expect(after?.members == [] && after?.version == 2)
            await #expect(throws: ResourceStoreError.notFound) {
                try await store.delete(id: user.id, kind: .user, tenant: a, expectedVersion: nil)
            }
            #expect(try await store.list(ResourceQuery(), kind: .user, tenant: a).total == 0)
        }
    }

    @Test("concurrent creates of one userName in different cases: exactly one wins")
    func concurrentUniqueness() async throws {
        try await withResourceStore { store, a, _ in
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        do {
                            _ = try await store.create(userJSON(index % 2 == 0 ? "Race" : "rACE"), kind: .user, tenant: a)
                            return true
                        } catch ResourceStoreError.uniqueness(attribute: "userName") {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
            #expect(try await store.list(ResourceQuery(), kind: .user, tenant: a).total == 1)
        }
    }

    @Test("concurrent modifies of one resource are serialised: no update is lost")
    func concurrentModifies() async throws {
        try await withResourceStore { store, a, _ in
            let user = try await store.create(userJSON("counter", title: "0"), kind: .user, tenant: a)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        _ = try await store.modify(id: user.id, kind: .user, tenant: a, expectedVersion: nil,
                                                   includeMembers: false) { current in
                            var attributes = current.attributes
                            let value = Int(attributes[attribute: "title"]?.stringValue ?? "") ?? -1
                            attributes[attribute: "title"] = .string(String(value + 1))
                            return ResourceModification(attributes: attributes)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let final = try await store.get(id: user.id, kind: .user, tenant: a, includeMembers: false)
            #expect(final?.attributes[attribute: "title"] == "40" && final?.version == 41)
        }
    }
}

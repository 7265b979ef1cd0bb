import Coffee
import Foundation
import SCIM
import Testing
@testable import Store

/// An update sets only the indexed columns and `emails` rows that change (issue 10):
/// whichever attributes a write changes, the filters answered from those columns and rows
/// find the resource by its new values and no longer by its old ones, a taken userName is
/// still refused, on both backends.
@Suite("Resource store contract — updates write only the columns that change, on SQLite and PostgreSQL")
struct ResourceStoreColumnUpdateTests {
    struct Change: Sendable, CustomTestStringConvertible {
        let name: String
        let attributes: JSONObject
        /// Filters that must find the user after the change, and filters that must not.
        let finds: [String]
        let misses: [String]
        var testDescription: String { name }
    }

    static let before = userJSON("ada", displayName: "Ada", externalId: "e-1", active: true,
                                 emails: [("ada@example.com", "work", true)], title: "Engineer")

    static let changes: [Change] = [
        Change(name: "title only",
               attributes: userJSON("ada", displayName: "Ada", externalId: "e-1", active: true,
                                    emails: [("ada@example.com", "work", true)], title: "Director"),
               finds: [#"emails.value eq "ada@example.com""#, #"userName eq "ada""#, #"externalId eq "e-1""#,
                       #"displayName eq "Ada""#, "active eq true"],
               misses: []),
        Change(name: "emails",
               attributes: userJSON("ada", displayName: "Ada", externalId: "e-1", active: true,
                                    emails: [("augusta@example.com", "home", false)], title: "Engineer"),
               finds: [#"emails.value eq "augusta@example.com""#, #"emails.type eq "home""#],
               misses: [#"emails.value eq "ada@example.com""#, #"emails.type eq "work""#]),
        Change(name: "userName, displayName, externalId, active",
               attributes: userJSON("augusta", displayName: "Augusta", externalId: "e-2", active: false,
                                    emails: [("ada@example.com", "work", true)], title: "Engineer"),
               finds: [#"userName eq "AUGUSTA""#, #"displayName eq "Augusta""#, #"externalId eq "e-2""#, "active eq false",
                       #"emails.value eq "ada@example.com""#],
               misses: [#"userName eq "ada""#, #"displayName eq "Ada""#, #"externalId eq "e-1""#, "active eq true"]),
    ]

    @Test("the filters follow the new values", arguments: StorageBackend.allCases, changes)
    func update(_ backend: StorageBackend, change: Change) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant("a")
            let store = backend.resources
            let ada = try await store.create(Self.before, kind: .user, tenant: tenant)
            let attributes = change.attributes
            let updated = try await store.modify(id: ada.id, kind: .user, tenant: tenant, expectedVersion: nil,
                                                 includeMembers: false) { _ in ResourceModification(attributes: attributes) }
            #expect(updated.version == 2)
            for text in change.finds {
                let page = try await store.list(ResourceQuery(filter: try FilterParser.parse(text)), kind: .user, tenant: tenant)
                #expect(page.resources.map(\.id) == [ada.id], "\(text) finds the user")
            }
            for text in change.misses {
                let page = try await store.list(ResourceQuery(filter: try FilterParser.parse(text)), kind: .user, tenant: tenant)
                #expect(page.resources.isEmpty, "\(text) no longer finds the user")
            }
            let read = try #require(try await store.get(id: ada.id, kind: .user, tenant: tenant, includeMembers: false))
            #expect(read.attributes == attributes)
        }
    }

    @Test("a userName changed to a taken one is refused, and nothing changes", arguments: StorageBackend.allCases)
    func taken(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant("a")
            let store = backend.resources
            let ada = try await store.create(Self.before, kind: .user, tenant: tenant)
            _ = try await store.create(userJSON("bob"), kind: .user, tenant: tenant)
            let error = await ResourceStoreContractTests.resourceError {
                _ = try await store.modify(id: ada.id, kind: .user, tenant: tenant, expectedVersion: nil, includeMembers: false) { _ in
                    ResourceModification(attributes: userJSON("BOB", emails: [("x@example.com", nil, nil)]))
                }
            }
            #expect(error == .uniqueness(attribute: "userName"))
            let read = try #require(try await store.get(id: ada.id, kind: .user, tenant: tenant, includeMembers: false))
            #expect(read.version == 1 && read.attributes == Self.before)
            let page = try await store.list(ResourceQuery(filter: try FilterParser.parse(#"emails.value eq "ada@example.com""#)),
                                            kind: .user, tenant: tenant)
            #expect(page.resources.map(\.id) == [ada.id])
        }
    }
}

import Coffee
import Foundation
import SCIM
import Testing
@testable import Store

/// Sorting by attributes without a column of their own (RFC 7644 §3.4.2.3, ``JSONSortKey``):
/// a singular string, a complex attribute's sub-attribute, a multi-valued attribute by its
/// primary element (else its first), an Enterprise User attribute; ignoring case, missing
/// values last ascending and first descending, ties in creation order; the same order when
/// the filter is evaluated in memory; on both backends.
@Suite("Resource store contract — sorting by attributes read from the JSON, on SQLite and PostgreSQL")
struct ResourceStoreJSONSortTests {
    /// Four users, created in this order. `emails` is their primary address where they
    /// have one (u1's and u4's is not their first), else their first.
    static let users = [
        #"""
        {"userName": "u1", "title": "Engineer", "name": {"familyName": "martin"},
         "emails": [{"value": "z@example.com", "primary": false}, {"value": "b@example.com", "type": "work", "primary": true}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "0042"}}
        """#,
        #"""
        {"userName": "u2", "title": "architect", "name": {"familyName": "Adams"}, "emails": [{"value": "c@example.com", "type": "home"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "7"}}
        """#,
        #"{"userName": "u3", "name": {"givenName": "Nobody"}}"#,
        #"""
        {"userName": "u4", "title": "Director", "name": {"familyName": "Zola"},
         "emails": [{"value": "A@example.com", "type": "other"}, {"value": "y@example.com", "type": "work", "primary": true}]}
        """#,
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        let sortBy: String
        let ascending: [String]
        let descending: [String]
        var testDescription: String { sortBy }
    }

    static let cases: [Case] = [
        Case(sortBy: "title", ascending: ["u2", "u4", "u1", "u3"], descending: ["u3", "u1", "u4", "u2"]),
        Case(sortBy: "name.familyName", ascending: ["u2", "u1", "u4", "u3"], descending: ["u3", "u4", "u1", "u2"]),
        // By the primary address, not the first one (which would give u4, u2, u1).
        Case(sortBy: "emails", ascending: ["u1", "u2", "u4", "u3"], descending: ["u3", "u4", "u2", "u1"]),
        Case(sortBy: "emails.value", ascending: ["u1", "u2", "u4", "u3"], descending: ["u3", "u4", "u2", "u1"]),
        // Equal keys (u1 and u4 are "work") keep creation order both ways.
        Case(sortBy: "emails.type", ascending: ["u2", "u1", "u4", "u3"], descending: ["u3", "u1", "u4", "u2"]),
        Case(sortBy: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
             ascending: ["u1", "u2", "u3", "u4"], descending: ["u3", "u4", "u2", "u1"]),
    ]

    @Test("in SQL and in memory, both directions", arguments: StorageBackend.allCases, cases)
    func sorts(_ backend: StorageBackend, _ sort: Case) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant("a")
            let other = try await backend.tenant("b")
            for text in Self.users {
                var user = try #require(try JSONParser.parse(text).objectValue)
                user["schemas"] = [.string(SCIMSchemaURN.user)]
                _ = try await backend.resources.create(user, kind: .user, tenant: tenant)
            }
            _ = try await backend.resources.create(userJSON("u0", title: "aaa"), kind: .user, tenant: other)
            for (ascending, expected) in [(true, sort.ascending), (false, sort.descending)] {
                // No filter (ordered in SQL), and a filter evaluated in memory (sorted in Swift).
                for filter in [nil, "not (groups.display pr)"] {
                    let query = ResourceQuery(filter: try filter.map { try FilterParser.parse($0) },
                                              sortBy: try AttributePath.parse(sort.sortBy), ascending: ascending)
                    let page = try await backend.resources.list(query, kind: .user, tenant: tenant)
                    #expect(page.resources.compactMap { $0.attributes[attribute: "userName"]?.stringValue } == expected,
                            "\(sort.sortBy) \(ascending ? "ascending" : "descending"), filter \(filter ?? "none")")
                    #expect(page.total == 4)
                    // A cursor walk, one resource a page, follows the same order (keyset seeks on the key).
                    var walked: [String] = []
                    var paged = query
                    (paged.count, paged.seek) = (1, .after(nil))
                    while paged.seek != nil, walked.count <= 4 {
                        let step = try await backend.resources.list(paged, kind: .user, tenant: tenant)
                        walked += step.resources.compactMap { $0.attributes[attribute: "userName"]?.stringValue }
                        paged.seek = step.next
                    }
                    #expect(walked == expected, "walk of \(sort.sortBy) \(ascending ? "ascending" : "descending"), filter \(filter ?? "none")")
                }
            }
        }
    }

    @Test("a sort read from the JSON orders at most maxCandidates resources, also under a filter SQL answers alone",
          arguments: StorageBackend.allCases)
    func bounded(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant("a")
            var configuration = SQLiteResourceStore.Configuration()
            configuration.maxCandidates = 3
            let store: any ResourceStore
            if let sqlite = backend.resources as? SQLiteResourceStore {
                store = SQLiteResourceStore(database: sqlite.database, configuration: configuration)
            } else {
                store = PostgresResourceStore(store: try #require(backend.store as? PostgresStore), configuration: configuration)
            }
            for index in 0..<5 { _ = try await store.create(userJSON("u\(index)", title: "T\(4 - index)"), kind: .user, tenant: tenant) }
            func titles(_ filter: String?) async throws -> [String] {
                let query = ResourceQuery(filter: try filter.map { try FilterParser.parse($0) }, sortBy: AttributePath(name: "title"))
                return try await store.list(query, kind: .user, tenant: tenant).resources.compactMap { $0.attributes[attribute: "title"]?.stringValue }
            }
            #expect(try await titles(#"userName eq "u1" or userName eq "u2" or userName eq "u3""#) == ["T1", "T2", "T3"])
            for filter in [nil, #"userName sw "u""#] {
                #expect(await ResourceStoreContractTests.resourceError { _ = try await titles(filter) } == .tooMany(limit: 3),
                        "5 users to sort, filter \(filter ?? "none")")
            }
        }
    }

    @Test("what does not sort: a boolean, a complex attribute without a sub-attribute, groups, meta.location",
          arguments: StorageBackend.allCases, ["active", "name", "groups", "meta.location", "x509Certificates"])
    func unsupported(_ backend: StorageBackend, _ sortBy: String) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant("a")
            _ = try await backend.resources.create(userJSON("u1", title: "x"), kind: .user, tenant: tenant)
            #expect(await ResourceStoreContractTests.resourceError {
                _ = try await backend.resources.list(ResourceQuery(sortBy: try AttributePath.parse(sortBy)), kind: .user, tenant: tenant)
            } == .unsupportedSort(attribute: sortBy))
        }
    }
}

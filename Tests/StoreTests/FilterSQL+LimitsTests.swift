import Foundation
import SCIM
import Testing
@testable import Store

@Suite("FilterSQL limits: long chains stay flat, deep nesting and computed attributes are invalidFilter")
struct FilterSQLLimitsTests {
    private static let manager = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value"

    /// `term(0) op term(1) op …` (`%N` in a term is its index), as many terms as fit in the parser's 4096 characters.
    private static func longestChain(_ op: String, _ term: (Int) -> String) -> (text: String, terms: Int) {
        var text = term(0), terms = 1
        while true {
            let longer = text + " \(op) " + term(terms)
            guard longer.count <= FilterParser.Limits.default.maxLength else { return (text, terms) }
            text = longer
            terms += 1
        }
    }

    /// `leaf or (leaf and (leaf or (…)))`, nested until SQL would nest `depth` levels.
    private static func alternating(_ leaf: String, depth: Int) throws -> Filter {
        var text = leaf, level = 0
        while try FilterParser.parse(text).flattenedDepth < depth {
            text = "\(leaf) \(level % 2 == 0 ? "or" : "and") (\(text))"
            level += 1
        }
        let filter = try FilterParser.parse(text)
        #expect(filter.flattenedDepth == depth, "\(leaf)")
        return filter
    }

    @Test("a chain of one operator, as long as the filter may be, answers (SQLite's parser overflowed from 88 terms)", arguments: [
        (ResourceKind.user, "or", #"userName eq "u%N""#, 2),
        (.user, "or", "id pr", 2),
        (.user, "and", #"not (userName eq "nobody%N")"#, 2),
        (.user, "or", #"emails[value eq "u%N@x"]"#, 1),
        (.user, "or", #"title eq "t%N""#, 1),
        (.user, "and", "(userName pr or title eq \"t%N\")", 2),
        (.user, "or", #"phoneNumbers[value eq "%N"]"#, 0),
        (.group, "or", #"displayName eq "g%N""#, 1),
        (.group, "or", #"members.value eq "m%N""#, 0),
    ])
    func longChains(kind: ResourceKind, op: String, term: String, expected: Int) async throws {
        try await withResourceStore { store, a, _ in
            _ = try await store.create(userJSON("u0", emails: [("u0@x", "work", nil)]), kind: .user, tenant: a)
            _ = try await store.create(userJSON("u1", title: "t1"), kind: .user, tenant: a)
            _ = try await store.create(groupJSON("g1"), kind: .group, tenant: a)
            let (text, terms) = Self.longestChain(op) { term.replacingOccurrences(of: "%N", with: String($0)) }
            #expect(terms >= 88)
            let filter = try FilterParser.parse(text)
            #expect(filter.flattenedDepth <= 4)
            let page = try await store.list(ResourceQuery(filter: filter), kind: kind, tenant: a)
            #expect(page.total == expected, "\(terms) terms of \(term)")
        }
    }

    @Test("nesting up to maxNestingDepth answers, even with the heaviest conditions; one level more is invalidFilter", arguments: [
        #"userName eq "u0""#,
        #"title eq "x""#,
        #"\#(manager) eq "m""#,
        #"emails[type eq "work" and value co "x"]"#,
        #"not (name.givenName co "x")"#,
        #"phoneNumbers[type eq "work"]"#,
    ])
    func nesting(leaf: String) async throws {
        try await withResourceStore { store, a, _ in
            _ = try await store.create(userJSON("u0"), kind: .user, tenant: a)
            let deepest = try Self.alternating(leaf, depth: FilterSQL.maxNestingDepth)
            _ = try await store.list(ResourceQuery(filter: deepest), kind: .user, tenant: a)
            let tooDeep = try Self.alternating(leaf, depth: FilterSQL.maxNestingDepth + 1)
            let error = await #expect(throws: SCIMError.self) {
                try await store.list(ResourceQuery(filter: tooDeep), kind: .user, tenant: a)
            }
            #expect(error?.scimType == .invalidFilter)
            #expect(error?.detail.contains("at most \(FilterSQL.maxNestingDepth)") == true, "\(String(describing: error?.detail))")
        }
    }

    @Test("nested not reaches maxNestingDepth within the parser's own depth limit")
    func nestedNot() async throws {
        try await withResourceStore { store, a, _ in
            let depth = FilterSQL.maxNestingDepth
            let within = String(repeating: "not (", count: depth - 1) + "userName pr" + String(repeating: ")", count: depth - 1)
            let page = try await store.list(ResourceQuery(filter: try FilterParser.parse(within)), kind: .user, tenant: a)
            #expect(page.total == 0)
            let beyond = "not (" + within + ")"
            await #expect(throws: SCIMError.self) {
                try await store.list(ResourceQuery(filter: try FilterParser.parse(beyond)), kind: .user, tenant: a)
            }
        }
    }

    @Test("filters on attributes computed when a response is written, or never stored, are invalidFilter naming them", arguments: [
        (ResourceKind.user, "meta.location pr", "meta.location"),
        (.user, #"meta.location co "Users""#, "meta.location"),
        (.user, "groups.$ref pr", "groups.$ref"),
        (.user, #"userName pr and groups[$ref co "Groups"]"#, "groups.$ref"),
        (.user, #"not (password eq "secret")"#, "password"),
        (.group, #"members.$ref co "Users""#, "members.$ref"),
        (.group, #"members[type eq "User" and $ref pr]"#, "members.$ref"),
        (.group, #"displayName eq "g" or META.LOCATION pr"#, "META.LOCATION"),
    ])
    func computedAttributes(kind: ResourceKind, filter: String, attribute: String) async throws {
        try await withResourceStore { store, a, _ in
            let error = await #expect(throws: SCIMError.self) {
                try await store.list(ResourceQuery(filter: try FilterParser.parse(filter)), kind: kind, tenant: a)
            }
            #expect(error?.scimType == .invalidFilter)
            #expect(error?.detail.contains("'\(attribute)'") == true, "\(String(describing: error?.detail))")
        }
    }

    @Test("attributes the store keeps or attaches still filter", arguments: [
        (ResourceKind.user, "groups.display pr", 1),
        (.user, #"groups.type eq "direct""#, 1),
        (.user, "meta.version pr and meta.resourceType pr", 2),
        (.user, #"\#(manager) eq "boss""#, 1),
        (.group, "members.display pr", 1),
        (.group, #"members[type eq "User"]"#, 1),
    ])
    func storedAttributes(kind: ResourceKind, filter: String, expected: Int) async throws {
        try await withResourceStore { store, a, _ in
            var managed = userJSON("u0", displayName: "U")
            managed[SCIMSchemaURN.enterpriseUser] = ["manager": ["value": "boss"]]
            let user = try await store.create(managed, kind: .user, tenant: a)
            _ = try await store.create(userJSON("u1"), kind: .user, tenant: a)
            _ = try await store.create(groupJSON("g", members: [user.id]), kind: .group, tenant: a)
            let page = try await store.list(ResourceQuery(filter: try FilterParser.parse(filter)), kind: kind, tenant: a)
            #expect(page.total == expected, "\(filter)")
        }
    }
}

import SCIM
import Store
import Testing
import TestSupport
@testable import Percolator

@Suite("SCIM filters at the limits end to end: long chains answer, deep nesting and computed attributes are 400")
struct SCIMFilterLimitsTests {
    private static func search(_ filter: String) -> JSONValue {
        ["schemas": [.string(SCIMSchemaURN.searchRequest)], "filter": .string(filter)]
    }

    /// `term(0) or term(1) or …` with `terms` terms.
    private static func chain(_ terms: Int, _ op: String = "or", _ term: (Int) -> String) -> String {
        (0..<terms).map(term).joined(separator: " \(op) ")
    }

    @Test("chains of 110 to 300 terms (within 4096 characters) answer 200 on GET /Users, POST /Users/.search, POST /.search and /Groups (was 500 from 88 terms)")
    func longChains() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            _ = try await client.createUser("u7@example.com")
            _ = try await client.createGroup("g7")
            let users = Self.chain(110) { #"userName eq "u\#($0)@example.com""# }
            let get = try await client.get("/scim/v2/Users?filter=\(Self.chain(100) { #"userName eq "u\#($0)@example.com""# }.addingPercentEncodingForQuery())")
            #expect(get.status == 200, "\(get.text)")
            #expect(get[attribute: "totalResults"] == 1)
            let userSearch = try await client.post("/scim/v2/Users/.search", Self.search(users))
            #expect(userSearch.status == 200 && userSearch[attribute: "totalResults"] == 1, "\(userSearch.text)")
            let root = try await client.post("/scim/v2/.search", Self.search(Self.chain(300) { _ in "id pr" }))
            #expect(root.status == 200 && root[attribute: "totalResults"] == 2, "\(root.text)")
            let groups = try await client.post("/scim/v2/Groups/.search", Self.search(Self.chain(150) { #"displayName eq "g\#($0)""# }))
            #expect(groups.status == 200 && groups[attribute: "totalResults"] == 1, "\(groups.text)")
            let conjunction = try await client.post("/scim/v2/Users/.search",
                                                    Self.search(Self.chain(130, "and") { #"not (userName eq "x\#($0)")"# }))
            #expect(conjunction.status == 200 && conjunction[attribute: "totalResults"] == 1, "\(conjunction.text)")
        }
    }

    @Test("filters the server cannot answer are 400 invalidFilter with a detail that says why", arguments: [
        ("/scim/v2/Users/.search", "meta.location pr", "'meta.location'"),
        ("/scim/v2/Users/.search", "groups.$ref pr", "'groups.$ref'"),
        ("/scim/v2/Groups/.search", #"members.$ref co "Users""#, "'members.$ref'"),
        ("/scim/v2/.search", "meta.location pr", "'meta.location'"),
        ("/scim/v2/Users/.search",
         String(repeating: "not (", count: FilterSQL.maxNestingDepth) + "userName pr" + String(repeating: ")", count: FilterSQL.maxNestingDepth),
         "at most \(FilterSQL.maxNestingDepth)"),
    ])
    func unanswerable(path: String, filter: String, detail: String) async throws {
        try await LiveServer.with { live in
            let response = try await live.client().post(path, Self.search(filter))
            #expect(response.status == 400)
            #expect(response[attribute: "scimType"] == "invalidFilter")
            #expect(response[attribute: "detail"]?.stringValue?.contains(detail) == true, "\(response.text)")
            #expect(!response.text.contains("SQL") && !response.text.contains("sqlite"))
        }
    }
}

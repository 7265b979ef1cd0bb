import SCIM
import Testing
import TestSupport
@testable import Percolator

@Suite("SCIM queries end to end — RFC 7644 §3.4.2, §3.4.3")
struct SCIMListTests {
    /// Five users u0…u4 with titles and departments, created in order.
    static func seed(_ client: SCIMTestClient) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<5 {
            ids.append(try await client.createUser("u\(index)@example.com", extra: [
                ("title", .string(index % 2 == 0 ? "Engineer" : "Designer")),
                ("externalId", .string("EXT-\(index)")),
                (SCIMSchemaURN.enterpriseUser, ["department": .string(index < 3 ? "R&D" : "Sales")]),
            ]))
        }
        return ids
    }

    static func userNames(_ response: SCIMTestClient.Response) -> [String] {
        response[attribute: "Resources"]?.arrayValue?.compactMap { $0[attribute: "userName"]?.stringValue } ?? []
    }

    @Test("filters select the right users", arguments: [
        (#"userName eq "U1@EXAMPLE.COM""#, ["u1@example.com"]),
        (#"userName sw "u3""#, ["u3@example.com"]),
        (#"title eq "Engineer" and not (userName eq "u0@example.com")"#, ["u2@example.com", "u4@example.com"]),
        (#"externalId eq "EXT-2""#, ["u2@example.com"]),
        (#"externalId eq "ext-2""#, []),
        (#"emails[type eq "work" and value co "u4"]"#, ["u4@example.com"]),
        (#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Sales""#, ["u3@example.com", "u4@example.com"]),
        (#"title eq "Designer" or userName eq "u0@example.com""#, ["u0@example.com", "u1@example.com", "u3@example.com"]),
        (#"meta.created gt "2000-01-01T00:00:00Z""#, ["u0@example.com", "u1@example.com", "u2@example.com", "u3@example.com", "u4@example.com"]),
        (#"active eq false"#, []),
        (#"nickName pr"#, []),
    ])
    func filters(filter: String, expected: [String]) async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            _ = try await Self.seed(client)
            let encoded = filter.addingPercentEncodingForQuery()
            let response = try await client.get("/scim/v2/Users?filter=\(encoded)")
            #expect(response.status == 200, "\(response.text)")
            #expect(Self.userNames(response).sorted() == expected, "\(filter)")
            #expect(response[attribute: "totalResults"] == .integer(Int64(expected.count)))
        }
    }

    @Test("a malformed or unknown-attribute filter is 400 invalidFilter", arguments: [
        "userName eq", "userName zz \"a\"", "nosuch eq \"a\"", "active gt true", "(userName eq \"a\"",
    ])
    func invalidFilters(filter: String) async throws {
        try await LiveServer.with { live in
            let response = try await live.client().get("/scim/v2/Users?filter=\(filter.addingPercentEncodingForQuery())")
            #expect(response.status == 400)
            #expect(response[attribute: "scimType"] == "invalidFilter")
        }
    }

    @Test("paging is stable, count=0 gives only totalResults, and a count above the maximum is capped")
    func paging() async throws {
        try await LiveServer.with({ $0.scim.maxResults = 3 }) { live in
            let client = try live.client()
            _ = try await Self.seed(client)
            let first = try await client.get("/scim/v2/Users?startIndex=1&count=2")
            let second = try await client.get("/scim/v2/Users?startIndex=3&count=2")
            let third = try await client.get("/scim/v2/Users?startIndex=5&count=2")
            #expect(Self.userNames(first) + Self.userNames(second) + Self.userNames(third)
                == (0..<5).map { "u\($0)@example.com" })
            #expect(first[attribute: "totalResults"] == 5)
            #expect(second[attribute: "startIndex"] == 3)
            #expect(second[attribute: "itemsPerPage"] == 2)
            let none = try await client.get("/scim/v2/Users?count=0")
            #expect(none[attribute: "totalResults"] == 5)
            #expect(none[attribute: "Resources"]?.arrayValue?.isEmpty ?? true)
            let capped = try await client.get("/scim/v2/Users?count=100")
            #expect(Self.userNames(capped).count == 3)
            let beyond = try await client.get("/scim/v2/Users?startIndex=50")
            #expect(Self.userNames(beyond).isEmpty)
            #expect(beyond[attribute: "totalResults"] == 5)
        }
    }

    @Test("sortBy and sortOrder order the results")
    func sorting() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            _ = try await Self.seed(client)
            let descending = try await client.get("/scim/v2/Users?sortBy=userName&sortOrder=descending")
            #expect(Self.userNames(descending) == (0..<5).reversed().map { "u\($0)@example.com" })
        }
    }

    @Test("sortBy an attribute without an index: RFC 7644's own name.givenName, emails by their primary value, with a cursor walk too")
    func sortingByJSONAttributes() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            var ids: [String: String] = [:]
            // (userName, givenName, emails): c's primary address is its second one.
            for (userName, given, emails) in [("a@example.com", "Zoe", ["m@example.com"]), ("b@example.com", "adam", ["k@example.com"]),
                                              ("c@example.com", "Mia", ["a@example.com", "z@example.com"])] {
                let elements: [JSONValue] = emails.enumerated().map { index, value in
                    ["value": .string(value), "type": "work", "primary": .bool(emails.count == 1 || index == 1)]
                }
                ids[userName] = try await client.createUser(userName, extra: [("name", ["givenName": .string(given)]), ("emails", .array(elements))])
            }
            let byGiven = try await client.get("/scim/v2/Users?sortBy=name.givenName")
            #expect(byGiven.status == 200, "\(byGiven.text)")
            #expect(Self.userNames(byGiven) == ["b@example.com", "c@example.com", "a@example.com"], "ignoring case")
            let byEmail = try await client.get("/scim/v2/Users?sortBy=emails&sortOrder=descending")
            #expect(Self.userNames(byEmail) == ["c@example.com", "a@example.com", "b@example.com"], "by the primary value z, m, k")
            let walked = try await SCIMCursorPagingTests.walk(client, "/scim/v2/Users?sortBy=emails&sortOrder=descending&count=1")
            #expect(walked == ["c@example.com", "a@example.com", "b@example.com"].compactMap { ids[$0] })
            let boolean = try await client.get("/scim/v2/Users?sortBy=active")
            #expect(boolean.status == 400 && boolean[attribute: "scimType"] == "invalidValue", "\(boolean.text)")
        }
    }

    @Test("attributes and excludedAttributes project every resource of a list")
    func projection() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            _ = try await Self.seed(client)
            let slim = try await client.get("/scim/v2/Users?attributes=userName&count=1")
            let resource = try #require(slim[attribute: "Resources"]?.arrayValue?.first?.objectValue)
            #expect(Set(resource.keys) == ["schemas", "id", "userName"])
            let excluded = try await client.get("/scim/v2/Users?excludedAttributes=emails,name&count=1")
            let other = try #require(excluded[attribute: "Resources"]?.arrayValue?.first)
            #expect(other[attribute: "emails"] == nil)
            #expect(other[attribute: "name"] == nil)
            #expect(other[attribute: "userName"] != nil)
        }
    }

    @Test("POST /Users/.search and POST /.search take the same query in a body")
    func search() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            _ = try await Self.seed(client)
            _ = try await client.createGroup("Engineers")
            let body: JSONValue = ["schemas": [.string(SCIMSchemaURN.searchRequest)], "filter": #"title eq "Engineer""#,
                                   "attributes": ["userName"], "sortBy": "userName", "startIndex": 1, "count": 2]
            let users = try await client.post("/scim/v2/Users/.search", body)
            #expect(users.status == 200)
            #expect(Self.userNames(users) == ["u0@example.com", "u2@example.com"])
            #expect(users[attribute: "totalResults"] == 3)
            let everything = try await client.post("/scim/v2/.search", ["schemas": [.string(SCIMSchemaURN.searchRequest)]])
            #expect(everything[attribute: "totalResults"] == 6)
            let groups = try await client.post("/scim/v2/.search", ["schemas": [.string(SCIMSchemaURN.searchRequest)],
                                                                    "filter": #"displayName eq "Engineers""#])
            #expect(groups[attribute: "totalResults"] == 1)
            let groupSearch = try await client.post("/scim/v2/Groups/.search", ["schemas": [.string(SCIMSchemaURN.searchRequest)]])
            #expect(groupSearch[attribute: "totalResults"] == 1)
        }
    }
}

extension String {
    /// Percent-encodes everything but unreserved characters (RFC 3986 §2.3).
    func addingPercentEncodingForQuery() -> String {
        var result = ""
        for byte in utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: result.append(Character(UnicodeScalar(byte)))
            default: result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    private func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

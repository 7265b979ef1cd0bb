import Foundation
import SCIM
import Store
import Testing
import TestSupport
@testable import Percolator

@Suite("SCIM cursor paging end to end — RFC 9865")
struct SCIMCursorPagingTests {
    static func ids(_ response: SCIMTestClient.Response) -> [String] {
        response[attribute: "Resources"]?.arrayValue?.compactMap { $0[attribute: "id"]?.stringValue } ?? []
    }

    static func names(_ response: SCIMTestClient.Response) -> [String] {
        response[attribute: "Resources"]?.arrayValue?.compactMap {
            $0[attribute: "userName"]?.stringValue ?? $0[attribute: "displayName"]?.stringValue
        } ?? []
    }

    /// A live server whose rate limit a walk never meets.
    static func serve(_ change: @escaping (inout PercolatorConfiguration) -> Void = { _ in },
                      _ body: (LiveServer) async throws -> Void) async throws {
        try await LiveServer.with({ configuration in
            configuration.rateLimits.scim.burst = 1_000_000
            change(&configuration)
        }, body)
    }

    static func seed(_ client: SCIMTestClient, count: Int, prefix: String = "u") async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count { ids.append(try await client.createUser("\(prefix)\(1000 + index)@example.com")) }
        return ids
    }

    /// Follows nextCursor from `?cursor` on `path` (which has its own query), calling
    /// `between` after each page; the ids in the order returned.
    static func walk(_ client: SCIMTestClient, _ path: String,
                     between: (Int) async throws -> Void = { _ in }) async throws -> [String] {
        var seen: [String] = []
        var cursor = ""
        for page in 1... {
            let response = try await client.get("\(path)&cursor=\(cursor)")
            #expect(response.status == 200, "\(response.text)")
            #expect(response[attribute: "startIndex"] == nil, "a cursor page has no startIndex")
            #expect(response[attribute: "totalResults"]?.integerValue != nil)
            #expect((page == 1) == (response[attribute: "previousCursor"] == nil), "previousCursor on every page but the first")
            seen += ids(response)
            guard let next = response[attribute: "nextCursor"]?.stringValue else { break }
            #expect(next.utf8.allSatisfy(SearchRequest.isUnreserved))
            cursor = next
            try await between(page)
            guard page < 10_000 else { break }
        }
        return seen
    }

    @Test("/ServiceProviderConfig advertises both methods, index by default, page sizes and cursorTimeout (RFC 9865 §4)")
    func serviceProviderConfig() async throws {
        try await Self.serve { $0.scim.maxResults = 250 } _: { live in
            let response = try await live.client().get("/scim/v2/ServiceProviderConfig")
            #expect(response[attribute: "pagination"] == [
                "cursor": true, "index": true, "defaultPaginationMethod": "index",
                "defaultPageSize": 250, "maxPageSize": 250, "cursorTimeout": 3600,
            ])
        }
    }

    @Test("a walk of /Users by cursor, with creates and deletes between pages, returns every user present throughout exactly once")
    func walkUnderChurn() async throws {
        try await Self.serve { live in
            let client = try live.client()
            let initial = try await Self.seed(client, count: 150)
            var alive = initial
            var deleted = Set<String>()
            var generator = SystemRandomNumberGenerator()
            let seen = try await Self.walk(client, "/scim/v2/Users?count=20&attributes=userName") { page in
                for _ in 0..<3 {
                    let id = alive.remove(at: Int.random(in: 0..<alive.count, using: &generator))
                    #expect(try await client.delete("/scim/v2/Users/\(id)").status == 204)
                    deleted.insert(id)
                }
                for index in 0..<3 { alive.append(try await client.createUser("new\(page)-\(index)@example.com")) }
            }
            #expect(Set(seen).count == seen.count, "no user twice")
            #expect(Set(initial).subtracting(deleted).isSubset(of: Set(seen)), "no user present throughout skipped")
        }
    }

    @Test("a walk of /Groups by cursor, members excluded, covers every group once")
    func groups() async throws {
        try await Self.serve { live in
            let client = try live.client()
            let users = try await Self.seed(client, count: 2)
            var groups: [String] = []
            for index in 0..<7 { groups.append(try await client.createGroup("team \(index)", members: users)) }
            let seen = try await Self.walk(client, "/scim/v2/Groups?count=3&excludedAttributes=members")
            #expect(seen == groups)
            let sorted = try await Self.walk(client, "/scim/v2/Groups?count=2&sortBy=displayName&sortOrder=descending")
            #expect(sorted == groups.reversed())
        }
    }

    @Test("the index default is unchanged: no cursor, no nextCursor (RFC 9865 §2.4)")
    func indexByDefault() async throws {
        try await Self.serve { live in
            let client = try live.client()
            _ = try await Self.seed(client, count: 3)
            let response = try await client.get("/scim/v2/Users?count=2")
            #expect(response[attribute: "startIndex"] == 1 && response[attribute: "nextCursor"] == nil)
            #expect(Self.ids(response).count == 2)
        }
    }

    @Test("previousCursor goes back a page; sortBy with a cursor walks in the sort order (RFC 9865 §2.2)")
    func previousAndSorted() async throws {
        try await Self.serve { live in
            let client = try live.client()
            _ = try await Self.seed(client, count: 7)
            let path = "/scim/v2/Users?sortBy=userName&sortOrder=descending&count=3"
            let all = try await client.get(path.replacingOccurrences(of: "count=3", with: "count=100"))
            let seen = try await Self.walk(client, path)
            #expect(seen == Self.ids(all) && seen.count == 7)

            let first = try await client.get("\(path)&cursor")
            let second = try await client.get("\(path)&cursor=\(first[attribute: "nextCursor"]?.stringValue ?? "")")
            let back = try await client.get("\(path)&cursor=\(second[attribute: "previousCursor"]?.stringValue ?? "")")
            #expect(Self.ids(back) == Self.ids(first) && back[attribute: "previousCursor"] == nil)
            #expect(Self.names(first) == ["u1006@example.com", "u1005@example.com", "u1004@example.com"])
        }
    }

    @Test("POST /Users/.search and the root /.search page by the cursor in the body (RFC 9865 §3)")
    func searchBodies() async throws {
        try await Self.serve { live in
            let client = try live.client()
            let users = try await Self.seed(client, count: 4)
            let groups = [try await client.createGroup("g1", members: [users[0]]), try await client.createGroup("g2")]
            for (path, expected) in [("/scim/v2/Users/.search", users), ("/scim/v2/.search", users + groups)] {
                var seen: [String] = []
                var cursor: JSONValue = ""
                var pages = 0
                while true {
                    let response = try await client.post(path, [
                        "schemas": [.string(SCIMSchemaURN.searchRequest)], "cursor": cursor, "count": 3,
                        "attributes": ["userName", "displayName"],
                    ])
                    #expect(response.status == 200, "\(response.text)")
                    #expect(response[attribute: "totalResults"] == .integer(Int64(expected.count)))
                    seen += Self.ids(response)
                    pages += 1
                    guard let next = response[attribute: "nextCursor"], pages < 10 else { break }
                    cursor = next
                }
                #expect(seen == expected, "\(path)")
                #expect(pages == 2, "\(path): pages of 3")
            }
        }
    }

    @Test("a cursor of tenant A sent by tenant B, altered, for another query or endpoint is 400 invalidCursor; with startIndex 400 invalidValue")
    func refusals() async throws {
        try await Self.serve { live in
            let client = try live.client()
            _ = try await Self.seed(client, count: 3)
            let first = try await client.get("/scim/v2/Users?count=1&cursor")
            let cursor = try #require(first[attribute: "nextCursor"]?.stringValue)
            let other = try await live.store.createTenant(name: "other")
            let otherToken = try await live.store.issueToken(tenant: other.id, kind: .scim, label: nil).plaintext
            let otherClient = try live.client(token: otherToken)
            _ = try await otherClient.createUser("b1@example.com")
            let altered = String(cursor.dropLast()) + (cursor.last == "A" ? "B" : "A")
            let cases: [(String, SCIMTestClient, String, String)] = [
                ("another tenant", otherClient, "/scim/v2/Users?count=1&cursor=\(cursor)", "invalidCursor"),
                ("altered", client, "/scim/v2/Users?count=1&cursor=\(altered)", "invalidCursor"),
                ("another filter", client, "/scim/v2/Users?count=1&filter=userName%20pr&cursor=\(cursor)", "invalidCursor"),
                ("another endpoint", client, "/scim/v2/Groups?count=1&cursor=\(cursor)", "invalidCursor"),
                ("not unreserved", client, "/scim/v2/Users?cursor=a%2Fb", "invalidCursor"),
                ("cursor and startIndex", client, "/scim/v2/Users?startIndex=2&cursor=\(cursor)", "invalidValue"),
            ]
            for (name, sender, path, scimType) in cases {
                let response = try await sender.get(path)
                #expect(response.status == 400, "\(name): \(response.text)")
                #expect(response[attribute: "scimType"] == .string(scimType), "\(name)")
                #expect(response.text.contains(cursor) == false, "\(name): the error does not echo the cursor")
            }
            let root = try await client.post("/scim/v2/.search", ["schemas": [.string(SCIMSchemaURN.searchRequest)],
                                                                   "cursor": .string(cursor)])
            #expect(root.status == 400 && root[attribute: "scimType"] == "invalidCursor")
        }
    }

    @Test("a cursor past cursor-timeout is 400 expiredCursor")
    func expired() async throws {
        try await Self.serve { $0.scim.cursorTimeout = .seconds(1) } _: { live in
            let client = try live.client()
            _ = try await Self.seed(client, count: 2)
            let first = try await client.get("/scim/v2/Users?count=1&cursor")
            let cursor = try #require(first[attribute: "nextCursor"]?.stringValue)
            try await Task.sleep(for: .milliseconds(2_100))
            let response = try await client.get("/scim/v2/Users?count=1&cursor=\(cursor)")
            #expect(response.status == 400 && response[attribute: "scimType"] == "expiredCursor", "\(response.text)")
        }
    }

    @Test("with cursor-secret a cursor survives a restart; with a random per-process secret it does not")
    func restart() async throws {
        for secret in ["0123456789abcdef0123456789abcdef", nil] as [String?] {
            let configure: (inout PercolatorConfiguration) -> Void = { configuration in
                configuration.scim.cursorSecret = secret.map { Array($0.utf8) }
            }
            let live = try await LiveServer.start(configure)
            let cursor: String
            do {
                let client = try live.client()
                _ = try await Self.seed(client, count: 2)
                cursor = try #require(try await client.get("/scim/v2/Users?count=1&cursor")[attribute: "nextCursor"]?.stringValue)
            } catch {
                await live.stop()
                throw error
            }
            await live.stopKeepingData()
            let again = try await LiveServer.start(in: live.directory, configure)
            let response = try await again.client(token: live.scimToken).get("/scim/v2/Users?count=1&cursor=\(cursor)")
            await again.stop()
            if secret == nil {
                #expect(response.status == 400 && response[attribute: "scimType"] == "invalidCursor")
            } else {
                #expect(response.status == 200 && Self.names(response) == ["u1001@example.com"], "\(response.text)")
            }
        }
    }
}

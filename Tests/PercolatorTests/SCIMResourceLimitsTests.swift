import SCIM
import Testing
import TestSupport
@testable import Percolator

@Suite("Resource and page size limits end to end: oversized attributes are 400, large pages come shorter and page on")
struct SCIMResourceLimitsTests {
    @Test("a 40 KiB displayName is 400 invalidValue naming it; nothing is created")
    func oversizedAttribute() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let response = try await client.post("/scim/v2/Users", [
                "schemas": [.string(SCIMSchemaURN.user)], "userName": "big@example.com",
                "displayName": .string(String(repeating: "x", count: 40 * 1024)),
            ])
            #expect(response.status == 400 && response[attribute: "scimType"] == "invalidValue", "\(response.status)")
            #expect(response[attribute: "detail"]?.stringValue?.contains("'displayName'") == true)
            let list = try await client.get("/scim/v2/Users?count=0")
            #expect(list[attribute: "totalResults"] == 0)
        }
    }

    @Test("/Users and /.search return fewer than asked past 8 MiB, itemsPerPage honest, and paging from there covers everything once")
    func largePages() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            // 60 users of about 210 KiB each (seven 30 KiB strings): about 12 MiB in all.
            let users = 60
            let text = JSONValue.string(String(repeating: "n", count: 30 * 1024))
            for index in 0..<users {
                _ = try await client.createUser("u\(index)@example.com", extra: [
                    ("displayName", text), ("nickName", text), ("title", text), ("userType", text),
                    ("name", ["formatted": text, "givenName": text, "familyName": text]),
                ])
            }
            _ = try await client.createGroup("g")
            for path in ["/scim/v2/Users", "/scim/v2/.search"] {
                var seen = Set<String>()
                var start = 1
                var pages = 0
                while start <= users + (path.hasSuffix(".search") ? 1 : 0), pages < 10 {
                    let response = path.hasSuffix(".search")
                        ? try await client.post(path, ["schemas": [.string(SCIMSchemaURN.searchRequest)],
                                                       "startIndex": .integer(Int64(start)), "count": 1000])
                        : try await client.get("\(path)?startIndex=\(start)&count=1000")
                    #expect(response.status == 200)
                    let resources = response[attribute: "Resources"]?.arrayValue ?? []
                    #expect(response[attribute: "itemsPerPage"] == .integer(Int64(resources.count)))
                    #expect(response.body.count < 9 * 1024 * 1024, "\(response.body.count) bytes")
                    if pages == 0 { #expect(resources.count < users, "the first page should be cut") }
                    for resource in resources {
                        let id = resource[attribute: "id"]?.stringValue ?? ""
                        #expect(seen.insert(id).inserted, "\(id) twice on \(path)")
                    }
                    start += max(1, resources.count)
                    pages += 1
                }
                #expect(seen.count == users + (path.hasSuffix(".search") ? 1 : 0), "\(path)")
            }
        }
    }
}

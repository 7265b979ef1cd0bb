import Testing
@testable import SCIM

@Suite("Search requests — RFC 7644 §3.4.2, §3.4.3")
struct SearchRequestTests {
    @Test("reads the RFC 7644 §3.4.3 example")
    func readsExample() throws {
        let request = try SearchRequest(body: Fixtures.json("rfc7644/3.4.3-search-request.json"))
        #expect(request.attributes == ["displayName", "userName"])
        #expect(request.filter == #"displayName sw "smith""#)
        #expect(request.startIndex == 1)
        #expect(request.count == 10)
        #expect(request.sortBy == nil)
        #expect(request.excludedAttributes.isEmpty)
    }

    @Test("paging: startIndex below 1 is 1, negative count is 0 (§3.4.2.4)", arguments: [
        (JSONValue.integer(0), JSONValue.integer(-5), 1, 0),
        (-3, 7, 1, 7),
        (5, 0, 5, 0),
        ("11", "20", 11, 20),
        (nil, nil, 1, nil),
    ] as [(JSONValue, JSONValue, Int, Int?)])
    func paging(startIndex: JSONValue, count: JSONValue, expectedStart: Int, expectedCount: Int?) throws {
        let body: JSONValue = ["schemas": [.string(SCIMSchemaURN.searchRequest)], "startIndex": startIndex, "count": count]
        let request = try SearchRequest(body: body)
        #expect(request.startIndex == expectedStart)
        #expect(request.count == expectedCount)
    }

    @Test("all parameters are read, sortOrder ignoring case")
    func readsAllParameters() throws {
        let body: JSONValue = ["schemas": [.string(SCIMSchemaURN.searchRequest)], "excludedAttributes": ["members"],
                               "sortBy": "userName", "sortOrder": "Descending", "attributes": "userName, emails"]
        let request = try SearchRequest(body: body)
        #expect(request.excludedAttributes == ["members"])
        #expect(request.sortBy == "userName")
        #expect(request.sortOrder == .descending)
        #expect(request.attributes == ["userName", "emails"])
    }

    @Test("malformed bodies are rejected", arguments: [
        ("[]", SCIMType.invalidSyntax),
        (#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"]}"#, .invalidSyntax),
        (#"{"count":"ten"}"#, .invalidValue),
        (#"{"count":1.5}"#, .invalidValue),
        (#"{"attributes":[1]}"#, .invalidValue),
        (#"{"filter":7}"#, .invalidValue),
        (#"{"sortOrder":"sideways"}"#, .invalidValue),
    ])
    func rejectsMalformed(text: String, scimType: SCIMType) throws {
        let body = try JSONParser.parse(text)
        let error = #expect(throws: SCIMError.self) { try SearchRequest(body: body) }
        #expect(error?.scimType == scimType)
    }

    @Test("reads GET query parameters")
    func readsQuery() throws {
        let request = try SearchRequest(queryParameters: [
            ("filter", #"userName eq "a""#), ("attributes", "userName,name.givenName"), ("excludedAttributes", "members"),
            ("startIndex", "0"), ("count", "-1"), ("sortBy", "userName"), ("sortOrder", "ascending"), ("other", "x"),
        ])
        #expect(request.filter == #"userName eq "a""#)
        #expect(request.attributes == ["userName", "name.givenName"])
        #expect(request.excludedAttributes == ["members"])
        #expect(request.startIndex == 1)
        #expect(request.count == 0)
        #expect(request.sortOrder == .ascending)
        let error = #expect(throws: SCIMError.self) { try SearchRequest(queryParameters: [("count", "many")]) }
        #expect(error?.scimType == .invalidValue)
    }
}

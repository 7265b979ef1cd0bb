import Testing
@testable import SCIM

@Suite("List responses — RFC 7644 §3.4.2")
struct ListResponseTests {
    @Test("renders the RFC 7644 §3.4.2 example with integer counts")
    func rendersExample() throws {
        let example = try Fixtures.json("rfc7644/3.4.2-list-response.json")
        let resources = try #require(example[attribute: "Resources"]?.arrayValue)
        let response = ListResponse(totalResults: 2, resources: resources).representation
        #expect(response[attribute: "schemas"] == example[attribute: "schemas"])
        #expect(response[attribute: "totalResults"] == .integer(2))
        #expect(response[attribute: "startIndex"] == .integer(1))
        #expect(response[attribute: "itemsPerPage"] == .integer(2))
        #expect(response[attribute: "Resources"] == .array(resources))
    }

    @Test("an empty result still carries Resources: [] (Entra's expected shape)")
    func emptyResult() throws {
        let text = ListResponse(totalResults: 0, startIndex: 1, itemsPerPage: 20, resources: []).representation.encodedString()
        #expect(text == #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"startIndex":1,"itemsPerPage":20,"Resources":[]}"#)
    }

    @Test("a page of a cursor walk carries previousCursor and nextCursor and no startIndex (RFC 9865 §2)")
    func cursorPage() {
        let page = ListResponse(totalResults: 100, startIndex: nil, itemsPerPage: 10, resources: [],
                                nextCursor: "YkU3OF86Pz0rGv", previousCursor: "ze7L30kMiiLX6x")
        #expect(page.representation.encodedString() == #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":100,"itemsPerPage":10,"previousCursor":"ze7L30kMiiLX6x","nextCursor":"YkU3OF86Pz0rGv","Resources":[]}"#)
        let last = ListResponse(totalResults: 100, startIndex: nil, itemsPerPage: 0, resources: [], previousCursor: "p")
        #expect(last.representation[attribute: "nextCursor"] == nil, "the last page has no nextCursor")
    }
}

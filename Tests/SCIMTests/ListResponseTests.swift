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
}

import Testing
@testable import SCIM

@Suite("Bulk responses — RFC 7644 §3.7.3")
struct BulkResponseTests {
    @Test("the RFC 7644 §3.7.3 response parses and renders back unchanged")
    func roundTrips() throws {
        let body = try Fixtures.json("rfc7644/3.7.3-bulk-response.json")
        let response = try BulkResponse(body: body)
        #expect(response.results.map(\.status) == [201, 200, 200, 204])
        #expect(response.representation == body)
    }

    @Test("a failed operation carries the error message as its response")
    func failedOperation() {
        let result = BulkResponse.Result(method: .post, bulkId: "qwerty", error: .invalidSyntax("Request is unparsable."))
        let rendered = BulkResponse(results: [result]).representation
        #expect(rendered[attribute: "Operations"] == [[
            "method": "POST", "bulkId": "qwerty", "status": "400",
            "response": ["schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "scimType": "invalidSyntax",
                         "detail": "Request is unparsable.", "status": "400"],
        ]])
    }
}

import Testing
@testable import SCIM

@Suite("Bulk requests — RFC 7644 §3.7")
struct BulkRequestTests {
    @Test("the RFC 7644 bulk fixtures exist")
    func fixturesExist() throws {
        #expect(try !Fixtures.names(in: "rfc7644").filter { $0.contains("bulk-request") || $0.contains("bulk-circular") || $0.contains("bulk-user") }.isEmpty)
    }

    @Test("RFC 7644 bulk requests parse and render back unchanged", arguments: try Fixtures.names(in: "rfc7644").filter { !$0.contains("response") && $0.contains("bulk") })
    func roundTrips(fixture: String) throws {
        let body = try Fixtures.json(fixture)
        let request = try BulkRequest(body: body, maxOperations: 1000)
        #expect(request.representation == body)
    }

    @Test("reads methods, bulkIds, versions and failOnErrors (§3.7.3 example)")
    func readsExample() throws {
        let request = try BulkRequest(body: Fixtures.json("rfc7644/3.7.1-bulk-request.json"), maxOperations: 10)
        #expect(request.failOnErrors == 1)
        #expect(request.operations.map(\.method) == [.post, .put, .patch, .delete])
        #expect(request.operations[0].bulkId == "qwerty")
        #expect(request.operations[3].version == #"W/"0ee8add0a938e1a""#)
        #expect(request.operations[3].data == nil)
    }

    @Test("more operations than maxOperations is 413 (§3.7.4)")
    func tooManyOperations() throws {
        let body = try Fixtures.json("rfc7644/3.7.1-bulk-request.json")
        let error = #expect(throws: SCIMError.self) { try BulkRequest(body: body, maxOperations: 3) }
        #expect(error?.status == 413)
    }

    @Test("malformed requests and operations are rejected", arguments: [
        (#"{"Operations":[]}"#, SCIMType.invalidSyntax),
        (#"{"schemas":["$B"]}"#, .invalidSyntax),
        (#"{"schemas":["$B"],"failOnErrors":0,"Operations":[]}"#, .invalidValue),
        (#"{"schemas":["$B"],"Operations":[{"method":"GET","path":"/Users"}]}"#, .invalidSyntax),
        (#"{"schemas":["$B"],"Operations":[{"method":"POST","path":"/Users","data":{}}]}"#, .invalidSyntax),
        (#"{"schemas":["$B"],"Operations":[{"method":"PUT","path":"/Users/1"}]}"#, .invalidSyntax),
        (#"{"schemas":["$B"],"Operations":[{"method":"DELETE"}]}"#, .invalidSyntax),
        (#"{"schemas":["$B"],"Operations":[1]}"#, .invalidSyntax),
        (#"{"schemas":["$B"],"Operations":[{"method":"POST","path":"/Users","bulkId":"a","data":{}},{"method":"POST","path":"/Users","bulkId":"a","data":{}}]}"#, .invalidValue),
    ])
    func rejectsMalformed(text: String, scimType: SCIMType) throws {
        let body = try JSONParser.parse(text.replacingOccurrences(of: "$B", with: SCIMSchemaURN.bulkRequest))
        let error = #expect(throws: SCIMError.self) { try BulkRequest(body: body, maxOperations: 10) }
        #expect(error?.scimType == scimType)
    }

    @Test("method names are read ignoring case")
    func methodCase() throws {
        let operation = try BulkOperation(json: ["method": "delete", "path": "/Users/1"], index: 0)
        #expect(operation.method == .delete)
    }
}

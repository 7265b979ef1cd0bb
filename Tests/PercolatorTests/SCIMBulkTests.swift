import SCIM
import Testing
import TestSupport
@testable import Percolator

@Suite("SCIM /Bulk end to end — RFC 7644 §3.7")
struct SCIMBulkTests {
    static func bulk(_ operations: [JSONValue], failOnErrors: Int? = nil) -> JSONValue {
        var object = JSONObject()
        object["schemas"] = [.string(SCIMSchemaURN.bulkRequest)]
        object["Operations"] = .array(operations)
        if let failOnErrors { object["failOnErrors"] = .integer(Int64(failOnErrors)) }
        return .object(object)
    }

    @Test("a group created with a user made earlier in the same request, by bulkId")
    func bulkIDReference() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            // The group comes first in the request: the service must order by reference (RFC 7644 §3.7.2).
            let response = try await client.post("/scim/v2/Bulk", Self.bulk([
                ["method": "POST", "path": "/Groups", "bulkId": "g1",
                 "data": ["schemas": [.string(SCIMSchemaURN.group)], "displayName": "Bulk group", "members": [["value": "bulkId:u1"]]]],
                ["method": "POST", "path": "/Users", "bulkId": "u1", "data": SCIMBodies.user("bulk@example.com")],
            ]))
            #expect(response.status == 200)
            #expect(response[attribute: "schemas"] == [.string(SCIMSchemaURN.bulkResponse)])
            let results = response[attribute: "Operations"]?.arrayValue ?? []
            #expect(results.map { $0[attribute: "status"] } == ["201", "201"])
            #expect(results.map { $0[attribute: "bulkId"] } == ["g1", "u1"])
            let userLocation = try #require(results[1][attribute: "location"]?.stringValue)
            let userID = try #require(userLocation.split(separator: "/").last.map(String.init))
            let groupLocation = try #require(results[0][attribute: "location"]?.stringValue)
            let group = try await client.get(String(groupLocation.dropFirst("http://scim.test".count)))
            #expect(group[attribute: "members"]?.arrayValue?.first?[attribute: "value"] == .string(userID))
        }
    }

    @Test("errors are reported per operation and failOnErrors stops the run")
    func failOnErrors() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let existing = try await client.createUser("taken@example.com")
            let response = try await client.post("/scim/v2/Bulk", Self.bulk([
                ["method": "POST", "path": "/Users", "bulkId": "a", "data": SCIMBodies.user("taken@example.com")],
                ["method": "PATCH", "path": "/Users/no-such-id", "data": SCIMBodies.patch([["op": "replace", "path": "title", "value": "x"]])],
                ["method": "DELETE", "path": .string("/Users/\(existing)")],
            ], failOnErrors: 2))
            let results = response[attribute: "Operations"]?.arrayValue ?? []
            #expect(results.count == 2)
            #expect(results.first?[attribute: "status"] == "409")
            #expect(results.first?[attribute: "response"]?[attribute: "scimType"] == "uniqueness")
            #expect(results.last?[attribute: "status"] == "404")
            #expect(try await client.get("/scim/v2/Users/\(existing)").status == 200)
        }
    }

    @Test("PUT, PATCH and DELETE run with versions, and a bad path is reported")
    func otherMethods() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let id = try await client.createUser("m@example.com")
            let response = try await client.post("/scim/v2/Bulk", Self.bulk([
                ["method": "PATCH", "path": .string("/Users/\(id)"), "version": #"W/"1""#,
                 "data": SCIMBodies.patch([["op": "replace", "path": "title", "value": "Patched"]])],
                ["method": "PUT", "path": .string("/Users/\(id)"), "version": #"W/"1""#, "data": SCIMBodies.user("m@example.com")],
                ["method": "DELETE", "path": "/Widgets/1"],
            ]))
            let results = response[attribute: "Operations"]?.arrayValue ?? []
            #expect(results.map { $0[attribute: "status"] } == ["200", "412", "400"])
            #expect(results.first?[attribute: "version"] == #"W/"2""#)
        }
    }

    @Test("PATCH, PUT and DELETE of /Users/bulkId:x reach the user a POST of the same request created, in any order")
    func pathReferences() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            // The PATCH comes first in the request: it waits for the POST it names (RFC 7644 §3.7.2).
            let response = try await client.post("/scim/v2/Bulk", Self.bulk([
                ["method": "PATCH", "path": "/Users/bulkId:a",
                 "data": SCIMBodies.patch([["op": "replace", "path": "title", "value": "Patched"]])],
                ["method": "POST", "path": "/Users", "bulkId": "a", "data": SCIMBodies.user("bulk-a@example.com")],
                ["method": "POST", "path": "/Users", "bulkId": "b", "data": SCIMBodies.user("bulk-b@example.com")],
                ["method": "PUT", "path": "/Users/bulkId:b", "data": SCIMBodies.user("bulk-b2@example.com")],
                ["method": "DELETE", "path": "/Users/bulkId:b"],
                ["method": "DELETE", "path": "/Users/bulkId:never-defined"],
            ]))
            let results = response[attribute: "Operations"]?.arrayValue ?? []
            #expect(results.map { $0[attribute: "status"] } == ["200", "201", "201", "200", "204", "409"])
            #expect(results.last?[attribute: "response"]?[attribute: "scimType"] == "invalidValue")
            let location = try #require(results[1][attribute: "location"]?.stringValue)
            #expect(results[0][attribute: "location"]?.stringValue == location)
            let user = try await client.get(String(location.dropFirst("http://scim.test".count)))
            #expect(user[attribute: "title"] == "Patched")
            let listed = try await client.get("/scim/v2/Users?filter=userName%20sw%20%22bulk-b%22")
            #expect(listed[attribute: "totalResults"] == 0)
        }
    }

    @Test("more operations than maxOperations is 413; a malformed request is 400")
    func limits() async throws {
        try await LiveServer.with({ $0.scim.bulkMaxOperations = 2 }) { live in
            let client = try live.client()
            let three = Self.bulk((0..<3).map { index in
                ["method": "POST", "path": "/Users", "bulkId": .string("b\(index)"), "data": SCIMBodies.user("b\(index)@x.com")]
            })
            let tooMany = try await client.post("/scim/v2/Bulk", three)
            #expect(tooMany.status == 413)
            #expect(try await client.get("/scim/v2/Users")[attribute: "totalResults"] == 0)
            let config = try await client.get("/scim/v2/ServiceProviderConfig")
            #expect(config[attribute: "bulk"]?[attribute: "maxOperations"] == 2)
            let malformed = try await client.post("/scim/v2/Bulk", ["Operations": []])
            #expect(malformed.status == 400)
        }
    }

    @Test("a body above maxPayloadSize is 413 before it is read")
    func payloadTooLarge() async throws {
        try await LiveServer.with({ $0.scim.bulkMaxPayloadSize = 4096 }) { live in
            let client = try live.client()
            let big = Self.bulk((0..<100).map { index in
                ["method": "POST", "path": "/Users", "bulkId": .string("b\(index)"), "data": SCIMBodies.user("big\(index)@x.com")]
            })
            let response = try await client.post("/scim/v2/Bulk", big)
            #expect(response.status == 413)
        }
    }
}

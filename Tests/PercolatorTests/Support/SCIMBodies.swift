import SCIM
import TestSupport

/// Request bodies the end-to-end tests send.
enum SCIMBodies {
    static func user(_ userName: String, active: JSONValue = true, extra: [(String, JSONValue)] = []) -> JSONValue {
        var object = JSONObject()
        object["schemas"] = [.string(SCIMSchemaURN.user)]
        object["userName"] = .string(userName)
        object["name"] = ["givenName": .string("Given \(userName)"), "familyName": "Family"]
        object["emails"] = [["value": .string(userName), "type": "work", "primary": true]]
        object["active"] = active
        for (key, value) in extra { object[key] = value }
        return .object(object)
    }

    static func group(_ displayName: String, members: [String] = []) -> JSONValue {
        [
            "schemas": [.string(SCIMSchemaURN.group)],
            "displayName": .string(displayName),
            "members": .array(members.map { ["value": .string($0)] }),
        ]
    }

    static func patch(_ operations: [JSONValue]) -> JSONValue {
        ["schemas": [.string(SCIMSchemaURN.patchOp)], "Operations": .array(operations)]
    }
}

extension SCIMTestClient {
    /// Creates a user and returns its id, failing the test on anything but 201.
    func createUser(_ userName: String, active: JSONValue = true, extra: [(String, JSONValue)] = []) async throws -> String {
        let response = try await post("/scim/v2/Users", SCIMBodies.user(userName, active: active, extra: extra))
        guard response.status == 201, let id = response[attribute: "id"]?.stringValue else {
            throw SCIMTestFailure("creating \(userName) answered \(response.status): \(response.text)")
        }
        return id
    }

    /// Creates a group and returns its id.
    func createGroup(_ displayName: String, members: [String] = []) async throws -> String {
        let response = try await post("/scim/v2/Groups", SCIMBodies.group(displayName, members: members))
        guard response.status == 201, let id = response[attribute: "id"]?.stringValue else {
            throw SCIMTestFailure("creating group \(displayName) answered \(response.status): \(response.text)")
        }
        return id
    }
}

struct SCIMTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

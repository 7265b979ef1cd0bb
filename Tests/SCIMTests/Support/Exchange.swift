@testable import SCIM

/// The fixture exchange format: `{ "request": {method, path, headers, body}, "response": {status, body} }`.
struct Exchange {
    var method: String
    var path: String
    var body: JSONValue
    var status: Int
    var responseBody: JSONValue?

    init(_ json: JSONValue) throws {
        guard let request = json[attribute: "request"], let response = json[attribute: "response"],
              let method = request[attribute: "method"]?.stringValue, let path = request[attribute: "path"]?.stringValue,
              let body = request[attribute: "body"], let status = response[attribute: "status"]?.integerValue
        else { throw FixtureError.malformed }
        self.method = method
        self.path = path
        self.body = body
        self.status = Int(status)
        self.responseBody = response[attribute: "body"]
    }

    /// The stored resource the request applies to, from `fixtures/resources/`, and its type.
    func storedResource() throws -> (JSONObject, ResourceType) {
        let id = path.split(separator: "/").last.map(String.init) ?? ""
        let isGroup = path.contains("/Groups/")
        let name = "resources/\(isGroup ? "group" : "user")-\(id).json"
        guard let object = try Fixtures.json(name).objectValue else { throw FixtureError.malformed }
        return (object, isGroup ? .group : .user)
    }

    enum FixtureError: Error { case malformed }
}

extension JSONObject {
    /// The object without `meta`, which the server, not the PATCH, maintains.
    var withoutMeta: JSONObject {
        var copy = self
        copy.removeAttribute("meta")
        return copy
    }
}

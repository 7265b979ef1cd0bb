/// One entry of a bulk request's `Operations` (RFC 7644 §3.7).
public struct BulkOperation: Sendable, Hashable {
    /// The HTTP method of a bulk operation; only these four are allowed (§3.7).
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case post = "POST"
        case put = "PUT"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    /// The method.
    public var method: Method
    /// The client's temporary id; REQUIRED for POST (§3.7), referenced elsewhere as
    /// `bulkId:<id>`.
    public var bulkId: String?
    /// The resource version for `If-Match` semantics (§3.14), if any.
    public var version: String?
    /// The endpoint relative to the base URL: `/Users` for POST, `/Users/{id}` otherwise.
    public var path: String
    /// The body: a resource for POST and PUT, a PatchOp message for PATCH, none for DELETE.
    public var data: JSONValue?

    /// An operation with the given values.
    public init(method: Method, bulkId: String? = nil, version: String? = nil, path: String, data: JSONValue? = nil) {
        self.method = method
        self.bulkId = bulkId
        self.version = version
        self.path = path
        self.data = data
    }

    /// Reads one operation; `index` (0-based) is used in error details.
    ///
    /// - Throws: `invalidSyntax` for a missing or unknown method, a missing path, a
    ///   POST without `bulkId`, or POST/PUT/PATCH without `data`.
    public init(json: JSONValue, index: Int) throws(SCIMError) {
        let position = "Operations[\(index)]"
        guard case .object(let object) = json else {
            throw .invalidSyntax("\(position) must be a JSON object (RFC 7644 §3.7).")
        }
        guard let methodText = object[attribute: "method"]?.stringValue,
              let method = Method(rawValue: methodText.uppercased()) else {
            throw .invalidSyntax("\(position).method must be one of POST, PUT, PATCH or DELETE (RFC 7644 §3.7).")
        }
        guard let path = object[attribute: "path"]?.stringValue, path.hasPrefix("/") else {
            throw .invalidSyntax("\(position).path must be a resource path such as /Users (RFC 7644 §3.7).")
        }
        let bulkId = object[attribute: "bulkId"]?.stringValue
        if method == .post, bulkId?.isEmpty ?? true {
            throw .invalidSyntax("\(position) is a POST and needs a bulkId (RFC 7644 §3.7).")
        }
        let data = object[attribute: "data"].flatMap { $0.isNull ? nil : $0 }
        if method != .delete, data == nil {
            throw .invalidSyntax("\(position) is a \(method.rawValue) and needs 'data' (RFC 7644 §3.7).")
        }
        self.init(method: method, bulkId: bulkId, version: object[attribute: "version"]?.stringValue, path: path, data: data)
    }

    /// The operation as a request `Operations` entry.
    public var representation: JSONValue {
        var object = JSONObject()
        object["method"] = .string(method.rawValue)
        if let bulkId { object["bulkId"] = .string(bulkId) }
        if let version { object["version"] = .string(version) }
        object["path"] = .string(path)
        if let data { object["data"] = data }
        return .object(object)
    }
}

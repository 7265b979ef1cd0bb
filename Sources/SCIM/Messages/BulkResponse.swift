/// A bulk response, `urn:ietf:params:scim:api:messages:2.0:BulkResponse` (RFC 7644 §3.7.3).
public struct BulkResponse: Sendable, Hashable {
    /// The outcome of one operation (RFC 7644 §3.7.3).
    public struct Result: Sendable, Hashable {
        /// The operation's method.
        public var method: BulkOperation.Method
        /// The operation's bulkId, if it had one.
        public var bulkId: String?
        /// The resource's new version, on success.
        public var version: String?
        /// The resource's URL, on success (and for failed PUT/PATCH/DELETE, the target).
        public var location: String?
        /// The HTTP status of the operation, rendered as a string as in the RFC examples.
        public var status: Int
        /// The error body on failure (RFC 7644 §3.12), or a resource when asked for.
        public var response: JSONValue?

        /// A result with the given values.
        public init(method: BulkOperation.Method, bulkId: String? = nil, version: String? = nil,
                    location: String? = nil, status: Int, response: JSONValue? = nil) {
            self.method = method
            self.bulkId = bulkId
            self.version = version
            self.location = location
            self.status = status
            self.response = response
        }

        /// A failed operation carrying `error` as its response.
        public init(method: BulkOperation.Method, bulkId: String?, location: String? = nil, error: SCIMError) {
            self.init(method: method, bulkId: bulkId, location: location, status: error.status, response: error.messageBody)
        }
    }

    /// The results, in the order the operations ran.
    public var results: [Result]

    /// A response with the given results.
    public init(results: [Result]) {
        self.results = results
    }

    /// Reads a bulk response body (used by tests and clients).
    ///
    /// - Throws: `invalidSyntax` for a malformed body.
    public init(body: JSONValue) throws(SCIMError) {
        guard let entries = body[attribute: "Operations"]?.arrayValue else {
            throw .invalidSyntax("A bulk response needs an 'Operations' array (RFC 7644 §3.7.3).")
        }
        var results: [Result] = []
        for (index, entry) in entries.enumerated() {
            guard let method = entry[attribute: "method"]?.stringValue.flatMap({ BulkOperation.Method(rawValue: $0.uppercased()) }) else {
                throw .invalidSyntax("Operations[\(index)].method must be POST, PUT, PATCH or DELETE.")
            }
            let status: Int?
            switch entry[attribute: "status"] {
            case .string(let text)?: status = Int(text)
            case .integer(let code)?: status = Int(clamping: code)
            default: status = nil
            }
            guard let status else { throw .invalidSyntax("Operations[\(index)].status must be an HTTP status code.") }
            results.append(Result(method: method, bulkId: entry[attribute: "bulkId"]?.stringValue,
                                  version: entry[attribute: "version"]?.stringValue,
                                  location: entry[attribute: "location"]?.stringValue,
                                  status: status, response: entry[attribute: "response"]))
        }
        self.results = results
    }

    /// The response body.
    public var representation: JSONValue {
        var object = JSONObject()
        object["schemas"] = [.string(SCIMSchemaURN.bulkResponse)]
        object["Operations"] = .array(results.map { result in
            var entry = JSONObject()
            if let location = result.location { entry["location"] = .string(location) }
            entry["method"] = .string(result.method.rawValue)
            if let bulkId = result.bulkId { entry["bulkId"] = .string(bulkId) }
            if let version = result.version { entry["version"] = .string(version) }
            entry["status"] = .string(String(result.status))
            if let response = result.response { entry["response"] = response }
            return .object(entry)
        })
        return .object(object)
    }
}

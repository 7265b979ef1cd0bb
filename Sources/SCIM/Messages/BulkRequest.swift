/// A bulk request, `urn:ietf:params:scim:api:messages:2.0:BulkRequest` (RFC 7644 §3.7).
public struct BulkRequest: Sendable, Hashable {
    /// Stop after this many failed operations; `nil` means run them all (§3.7.3).
    public var failOnErrors: Int?
    /// The operations, in request order.
    public var operations: [BulkOperation]

    /// A request with the given operations.
    public init(failOnErrors: Int? = nil, operations: [BulkOperation]) {
        self.failOnErrors = failOnErrors
        self.operations = operations
    }

    /// Reads a bulk request body.
    ///
    /// - Parameter maxOperations: the `bulk.maxOperations` the service provider
    ///   advertises (RFC 7643 §5); more operations give 413 (RFC 7644 §3.7.4).
    /// - Throws: `invalidSyntax` for a malformed body or operation, `invalidValue` for
    ///   a bulkId used twice or a `failOnErrors` below 1, 413 for too many operations.
    public init(body: JSONValue, maxOperations: Int) throws(SCIMError) {
        guard case .object(let object) = body else {
            throw .invalidSyntax("A bulk request must be a JSON object (RFC 7644 §3.7).")
        }
        guard let schemas = object[attribute: "schemas"]?.arrayValue,
              schemas.contains(where: { $0.stringValue?.equalsIgnoringCase(SCIMSchemaURN.bulkRequest) == true }) else {
            throw .invalidSyntax("'schemas' must list \(SCIMSchemaURN.bulkRequest) (RFC 7644 §3.7).")
        }
        switch object[attribute: "failOnErrors"] {
        case nil, .null?: failOnErrors = nil
        case .integer(let count)? where count >= 1: failOnErrors = Int(clamping: count)
        default: throw .invalidValue("'failOnErrors' must be an integer of at least 1 (RFC 7644 §3.7.3).")
        }
        guard let entries = object[attribute: "Operations"]?.arrayValue else {
            throw .invalidSyntax("A bulk request needs an 'Operations' array (RFC 7644 §3.7).")
        }
        // RFC 7644 §3.7.4: more operations than maxOperations → 413.
        guard entries.count <= maxOperations else {
            throw .payloadTooLarge("The bulk request has \(entries.count) operations; the maximum is \(maxOperations) (RFC 7644 §3.7.4).")
        }
        var operations: [BulkOperation] = []
        var bulkIds: Set<String> = []
        for (index, entry) in entries.enumerated() {
            let operation = try BulkOperation(json: entry, index: index)
            if let bulkId = operation.bulkId, !bulkIds.insert(bulkId).inserted {
                throw .invalidValue("The bulkId '\(bulkId)' is used by more than one operation (Operations[\(index)]).")
            }
            operations.append(operation)
        }
        self.operations = operations
    }

    /// The request body.
    public var representation: JSONValue {
        var object = JSONObject()
        object["schemas"] = [.string(SCIMSchemaURN.bulkRequest)]
        if let failOnErrors { object["failOnErrors"] = .integer(Int64(failOnErrors)) }
        object["Operations"] = .array(operations.map(\.representation))
        return .object(object)
    }
}

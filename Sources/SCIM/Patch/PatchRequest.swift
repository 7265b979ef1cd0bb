/// A PATCH request body, `urn:ietf:params:scim:api:messages:2.0:PatchOp` (RFC 7644 §3.5.2).
///
/// ```json
/// {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
///  "Operations": [{"op": "add", "path": "members", "value": [{"value": "2819c223…"}]}]}
/// ```
public struct PatchRequest: Sendable, Equatable {
    /// Bounds on a PATCH body.
    public struct Limits: Sendable, Hashable {
        /// Maximum number of operations in one request. Default 1000; Entra batches group
        /// membership changes, a few hundred at most.
        public var maxOperations: Int

        /// Limits with the given bounds.
        public init(maxOperations: Int = 1000) {
            self.maxOperations = maxOperations
        }

        /// 1000 operations.
        public static let `default` = Limits()
    }

    /// The operations, applied in order (RFC 7644 §3.5.2).
    public var operations: [PatchOperation]

    /// A request with these operations.
    public init(operations: [PatchOperation]) {
        self.operations = operations
    }

    /// Parses a PATCH body. `schemas` must contain the PatchOp URN and `Operations` must
    /// be a non-empty array of at most `limits.maxOperations` operations (RFC 7644
    /// §3.5.2); member names are matched ignoring case. Errors: `invalidSyntax`,
    /// `invalidPath`, `invalidValue`, `noTarget`, or 413 when over the limit.
    public static func parse(_ body: JSONValue, limits: Limits = .default) throws(SCIMError) -> PatchRequest {
        guard let object = body.objectValue else {
            throw .invalidSyntax("A PATCH body must be a JSON object (RFC 7644 §3.5.2).")
        }
        guard let schemas = object[attribute: "schemas"]?.arrayValue,
              schemas.contains(where: { $0.stringValue?.equalsIgnoringCase(SCIMSchemaURN.patchOp) == true })
        else {
            throw .invalidSyntax("A PATCH body must list \"\(SCIMSchemaURN.patchOp)\" in \"schemas\" (RFC 7644 §3.5.2).")
        }
        guard let operations = object[attribute: "Operations"]?.arrayValue, !operations.isEmpty else {
            throw .invalidSyntax("A PATCH body needs a non-empty \"Operations\" array (RFC 7644 §3.5.2).")
        }
        guard operations.count <= limits.maxOperations else {
            throw .payloadTooLarge("A PATCH body may hold at most \(limits.maxOperations) operations; this one has \(operations.count).")
        }
        var parsed: [PatchOperation] = []
        parsed.reserveCapacity(operations.count)
        for (index, operation) in operations.enumerated() {
            parsed.append(try PatchOperation.parse(operation, number: index + 1))
        }
        return PatchRequest(operations: parsed)
    }
}

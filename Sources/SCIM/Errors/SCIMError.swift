/// An error a SCIM client can act on, rendered as an
/// `urn:ietf:params:scim:api:messages:2.0:Error` message (RFC 7644 §3.12).
///
/// `detail` is written for a human and never carries SQL, file paths, stack traces or
/// the text of an underlying error. `==` compares `status` and `scimType` only, so a
/// test can write `#expect(throws: SCIMError.invalidFilter(""))`.
public struct SCIMError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status code (400, 401, 403, 404, 409, 412, 413, 500, 501, …).
    public var status: Int
    /// The RFC 7644 Table 9 keyword, `nil` when none applies.
    public var scimType: SCIMType?
    /// A sentence a human can act on.
    public var detail: String
    /// Where the error was made, for logs only. Never sent to a client.
    public let source: String

    /// An error with an explicit status and keyword.
    public init(status: Int, scimType: SCIMType? = nil, detail: String,
                file: String = #fileID, line: Int = #line) {
        self.status = status
        self.scimType = scimType
        self.detail = detail
        self.source = "\(file):\(line)"
    }

    public var description: String {
        "SCIMError(\(status)\(scimType.map { ", \($0.rawValue)" } ?? ""): \(detail))"
    }

    /// The error message body of RFC 7644 §3.12.
    public var messageBody: JSONValue {
        var object = JSONObject()
        object["schemas"] = .array([.string(SCIMSchemaURN.error)])
        if let scimType { object["scimType"] = .string(scimType.rawValue) }
        object["detail"] = .string(detail)
        object["status"] = .string(String(status))
        return .object(object)
    }
}

extension SCIMError: Equatable {
    public static func == (lhs: SCIMError, rhs: SCIMError) -> Bool {
        lhs.status == rhs.status && lhs.scimType == rhs.scimType
    }
}

extension SCIMError {
    /// 400 `invalidFilter`; `offset` is the zero-based character position of the problem.
    public static func invalidFilter(_ detail: String, at offset: Int? = nil,
                                     file: String = #fileID, line: Int = #line) -> SCIMError {
        let text = offset.map { "\(detail) (at character \($0 + 1))" } ?? detail
        return SCIMError(status: 400, scimType: .invalidFilter, detail: text, file: file, line: line)
    }

    /// 400 `invalidSyntax`.
    public static func invalidSyntax(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidSyntax, detail: detail, file: file, line: line)
    }

    /// 400 `invalidPath`.
    public static func invalidPath(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidPath, detail: detail, file: file, line: line)
    }

    /// 400 `noTarget`.
    public static func noTarget(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 400, scimType: .noTarget, detail: detail, file: file, line: line)
    }

    /// 400 `invalidValue`.
    public static func invalidValue(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidValue, detail: detail, file: file, line: line)
    }

    /// 400 `mutability`.
    public static func mutability(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 400, scimType: .mutability, detail: detail, file: file, line: line)
    }

    /// 400 `tooMany`.
    public static func tooMany(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 400, scimType: .tooMany, detail: detail, file: file, line: line)
    }

    /// 400 `invalidCursor` (RFC 9865 §2.1): the cursor was not issued by this service, for
    /// this tenant and this query, or was altered.
    public static func invalidCursor(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidCursor, detail: detail, file: file, line: line)
    }

    /// 400 `expiredCursor` (RFC 9865 §2.1): the cursor is older than `cursorTimeout`.
    public static func expiredCursor(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 400, scimType: .expiredCursor, detail: detail, file: file, line: line)
    }

    /// 409 `uniqueness`.
    public static func uniqueness(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 409, scimType: .uniqueness, detail: detail, file: file, line: line)
    }

    /// 403 `sensitive`.
    public static func sensitive(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 403, scimType: .sensitive, detail: detail, file: file, line: line)
    }

    /// 400 `invalidVers`.
    public static func invalidVersion(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidVers, detail: detail, file: file, line: line)
    }

    /// 400 without a keyword.
    public static func badRequest(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 400, detail: detail, file: file, line: line)
    }

    /// 401: missing or unknown bearer token.
    public static func unauthorized(_ detail: String = "Authentication is required: send 'Authorization: Bearer <token>'.",
                                    file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 401, detail: detail, file: file, line: line)
    }

    /// 403 without a keyword.
    public static func forbidden(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 403, detail: detail, file: file, line: line)
    }

    /// 404: the resource does not exist (or belongs to another tenant, which is the same thing to a client).
    public static func notFound(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 404, detail: detail, file: file, line: line)
    }

    /// 412: `If-Match` did not match the resource's current version.
    public static func preconditionFailed(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 412, detail: detail, file: file, line: line)
    }

    /// 413: the payload exceeds a limit the service provider advertises.
    public static func payloadTooLarge(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 413, detail: detail, file: file, line: line)
    }

    /// 500 with a fixed detail; the cause is logged, never sent.
    public static func internalError(requestID: String? = nil, file: String = #fileID, line: Int = #line) -> SCIMError {
        let suffix = requestID.map { " Quote request id \($0) when reporting it." } ?? ""
        return SCIMError(status: 500, detail: "The server could not complete the request." + suffix, file: file, line: line)
    }

    /// 501: the endpoint or feature is not implemented.
    public static func notImplemented(_ detail: String, file: String = #fileID, line: Int = #line) -> SCIMError {
        SCIMError(status: 501, detail: detail, file: file, line: line)
    }
}

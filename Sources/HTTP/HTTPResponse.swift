/// A response a handler returns. The server adds `Content-Length`, `Date`,
/// `Connection` and `X-Request-Id` when it writes it.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPFields
    public var body: [UInt8]
    /// Extra fields for the access log (for example the tenant), never sent.
    public var logFields: [(String, String)]

    public init(status: Int, headers: HTTPFields = HTTPFields(), body: [UInt8] = [], logFields: [(String, String)] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.logFields = logFields
    }

    /// A response with a body and its content type.
    public init(status: Int, contentType: String, body: [UInt8]) {
        self.init(status: status, headers: HTTPFields([("Content-Type", contentType)]), body: body)
    }

    /// A `text/plain` response.
    public static func text(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }
}

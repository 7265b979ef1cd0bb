/// What the server knows about one answered request, handed to the access log and
/// metrics. Never carries header values or bodies.
public struct HTTPAccessRecord: Sendable {
    /// Seconds since 1970 when the request head was complete.
    public var startedAt: Double
    public var requestID: String
    public var method: HTTPMethod
    /// The path without the query string.
    public var path: String
    /// The matched route pattern, or an empty string when none matched.
    public var route: String
    public var status: Int
    /// Response body bytes.
    public var bytes: Int
    /// Seconds from the complete head to the response being queued for writing.
    public var duration: Double
    /// Fields the handler added with ``HTTPResponse/logFields``.
    public var fields: [(String, String)]

    public init(startedAt: Double, requestID: String, method: HTTPMethod, path: String, route: String,
                status: Int, bytes: Int, duration: Double, fields: [(String, String)] = []) {
        self.startedAt = startedAt
        self.requestID = requestID
        self.method = method
        self.path = path
        self.route = route
        self.status = status
        self.bytes = bytes
        self.duration = duration
        self.fields = fields
    }
}

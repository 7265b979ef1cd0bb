/// A complete request as handlers see it: the head, the body, and what the router
/// found (path parameters, the matched route pattern).
public struct HTTPRequest: Sendable {
    public var head: HTTPRequestHead
    public var body: [UInt8]
    /// Path parameters by name, percent-decoded (`{id}` in `/Users/{id}`).
    public var pathParameters: [String: String]
    /// The pattern of the matched route, e.g. `/scim/v2/Users/{id}`; used for metrics.
    public var route: String
    /// The request id the server assigned (or accepted from `X-Request-Id`).
    public var requestID: String
    /// The address the server listens on as `host:port` (`127.0.0.1:8080`): what to
    /// build absolute URLs from when the `Host` header is not a plain `host[:port]`.
    public var listeningAuthority: String = ""
    /// The IP address of the connection's peer (`127.0.0.1`, `::1`); empty when unknown.
    /// Behind a reverse proxy it is the proxy's: forwarded headers are not trusted here
    /// (``TrustedProxies/clientAddress(of:)`` reads them, from trusted proxies only).
    public var peerAddress: String = ""
    /// The query parameters, percent-decoded (`+` read as a space, as HTML forms and
    /// many HTTP clients encode it), in order; parsed once.
    public let queryItems: [(name: String, value: String)]

    public init(head: HTTPRequestHead, body: [UInt8] = [], pathParameters: [String: String] = [:],
                route: String = "", requestID: String = "") {
        self.head = head
        self.body = body
        self.pathParameters = pathParameters
        self.route = route
        self.requestID = requestID
        self.queryItems = Self.parseQuery(head.query)
    }

    public var method: HTTPMethod { head.method }
    public var headers: HTTPFields { head.headers }
    /// The path, not percent-decoded.
    public var path: Substring { head.path }

    private static func parseQuery(_ query: Substring?) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return (PercentDecoding.decode(pair[..<equals], plusAsSpace: true),
                        PercentDecoding.decode(pair[pair.index(after: equals)...], plusAsSpace: true))
            }
            return (PercentDecoding.decode(pair, plusAsSpace: true), "")
        }
    }

    /// The first value of query parameter `name` (case-sensitive), or `nil`.
    public func query(_ name: String) -> String? {
        queryItems.first(where: { $0.name == name })?.value
    }
}

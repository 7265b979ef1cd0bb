/// The request line and header fields of a request (RFC 9112 §3, §5), with the
/// framing facts the parser derived from them.
public struct HTTPRequestHead: Sendable, Equatable {
    public var method: HTTPMethod
    /// The request-target exactly as sent, e.g. `/scim/v2/Users?filter=…`.
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPFields
    /// The declared `Content-Length`, when the body is framed by one.
    public var contentLength: Int?
    /// True when the body is `chunked` (RFC 9112 §7.1).
    public var isChunked: Bool
    /// True when the client sent `Expect: 100-continue` (RFC 9110 §10.1.1).
    public var expectsContinue: Bool
    /// True when the connection may serve another request after this one: HTTP/1.1
    /// without `Connection: close`, or HTTP/1.0 with `Connection: keep-alive`.
    public var keepAlive: Bool

    public init(method: HTTPMethod, target: String, version: HTTPVersion = .http1_1,
                headers: HTTPFields = HTTPFields(), contentLength: Int? = nil,
                isChunked: Bool = false, expectsContinue: Bool = false, keepAlive: Bool = true) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.contentLength = contentLength
        self.isChunked = isChunked
        self.expectsContinue = expectsContinue
        self.keepAlive = keepAlive
    }

    /// The path part of the target, before any `?`.
    public var path: Substring {
        if let question = target.firstIndex(of: "?") { return target[..<question] }
        return target[...]
    }

    /// The query part of the target, after the first `?`, or `nil`.
    public var query: Substring? {
        guard let question = target.firstIndex(of: "?") else { return nil }
        return target[target.index(after: question)...]
    }

    /// True when the request carries a body (declared length above zero, or chunked).
    public var hasBody: Bool { isChunked || (contentLength ?? 0) > 0 }
}

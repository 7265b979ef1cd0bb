import Foundation

/// The limits every connector client shares (issue 14, "HTTP client"): timeouts,
/// retries with backoff on 429 and 5xx honouring `Retry-After`, and a bounded page count.
public struct ConnectorClientConfiguration: Sendable {
    /// Attempts per request, the first included. Default 4.
    public var maxAttempts: Int = 4
    /// Timeout of one request, in seconds. Default 30.
    public var requestTimeout: TimeInterval = 30
    /// The backoff before the first retry when the vendor gives no `Retry-After`,
    /// doubled at each further retry. Default 1 s.
    public var initialBackoff: TimeInterval = 1
    /// The longest wait honoured, whether from `Retry-After` or backoff; a vendor
    /// asking for more fails the run instead of holding it. Default 120 s.
    public var maxRetryDelay: TimeInterval = 120
    /// Pages read at most in one listing. Default 10,000 (two million Slack users at
    /// 200 a page).
    public var maxPages: Int = 10_000
    /// The largest response body accepted, in bytes. Default 32 MiB.
    public var maxResponseBytes: Int = 32 * 1024 * 1024

    /// The hosts the clients may call (``ConnectorEndpointPolicy``): each request's host is
    /// resolved and refused when an address is not public. Default: loopback allowed, for
    /// the vendor stubs clients are tested against; a server sets it from its
    /// `connector-loopback` setting, off by default.
    var endpoints = ConnectorEndpointPolicy(allowsLoopback: true)

    /// The defaults.
    public init() {}
}

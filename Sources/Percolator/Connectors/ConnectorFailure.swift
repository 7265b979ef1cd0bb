/// Why a connector could not produce a complete listing. A failed run records this
/// reason and changes nothing (issue 14). Descriptions name the vendor's own error code
/// or the HTTP status, never a token, a secret or a person's data.
public enum ConnectorFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection's settings cannot make a request (a base URL that is not one).
    case invalidConfiguration(String)
    /// The network failed (refused, reset, timed out) on every attempt.
    case unreachable(String)
    /// The credentials were refused (HTTP 401/403, or the vendor's auth error code).
    case unauthorized(String)
    /// The vendor kept answering 429 after every retry; `retryAfter` is its last hint.
    case rateLimited(retryAfter: Double?)
    /// The vendor answered an HTTP error status (after retries, for 5xx).
    case httpStatus(Int)
    /// The vendor answered with its own error code (Slack `ok: false`, an OAuth error).
    case vendorError(String)
    /// A page that is not what the vendor documents.
    case malformedResponse(String)
    /// More pages than the configured limit: the listing is refused rather than cut.
    case tooManyPages(limit: Int)

    /// A sentence for the run's record and the admin.
    public var description: String {
        switch self {
        case .invalidConfiguration(let detail): "the connection is misconfigured: \(detail)"
        case .unreachable(let detail): "the source could not be reached: \(detail)"
        case .unauthorized(let detail): "the source refused the credentials: \(detail)"
        case .rateLimited(let retryAfter):
            "the source kept rate-limiting the requests" + (retryAfter.map { " (Retry-After \(Int($0)) s)" } ?? "")
        case .httpStatus(let status): "the source answered HTTP \(status)"
        case .vendorError(let code): "the source answered with the error '\(code)'"
        case .malformedResponse(let detail): "the source's answer is not what its API documents: \(detail)"
        case .tooManyPages(let limit): "the listing has more than \(limit) pages; refused rather than cut short"
        }
    }
}

/// The portal's error pages, with the HTTP status each should be sent with.
public enum ErrorPage: Sendable, Hashable, CaseIterable {
    /// 404.
    case notFound
    /// 400: a malformed request or form.
    case badRequest
    /// 410: a link that expired or was used.
    case expiredLink
    /// 403: a form whose CSRF token or origin failed.
    case formExpired
    /// 429: rate-limited.
    case tooManyRequests
    /// 404 too: the tenant switched its portal off (the page says so).
    case portalUnavailable

    /// The HTTP status to answer with.
    public var status: Int {
        switch self {
        case .notFound, .portalUnavailable: 404
        case .badRequest: 400
        case .expiredLink: 410
        case .formExpired: 403
        case .tooManyRequests: 429
        }
    }
}

/// What a rate limiter says about one request.
enum RateLimitDecision: Sendable, Equatable {
    /// Served; `remaining` whole requests are left in the bucket and it is full again
    /// after `resetAfter` seconds.
    case allowed(remaining: Int, resetAfter: Int)
    /// Refused with 429; a token is back after `retryAfter` seconds (at least 1).
    case refused(retryAfter: Int)
}

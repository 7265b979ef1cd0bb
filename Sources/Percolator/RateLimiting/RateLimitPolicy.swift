/// One rate limit: a sustained `rate` of requests per second and a `burst` a client may
/// send at once (the bucket's size). Named in the `RateLimit-Policy` field.
public struct RateLimitPolicy: Sendable, Equatable {
    /// Requests per second refilled, above 0.
    public var rate: Double
    /// Requests a full bucket holds, at least 1.
    public var burst: Int

    public init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = burst
    }

    /// The policy as the `RateLimit-Policy` field says it (draft-ietf-httpapi-ratelimit-
    /// headers): `burst` requests (`q`) per the `w` seconds an empty bucket takes to fill.
    func policyField(name: String) -> String {
        let window = max(1, Int((Double(burst) / rate).rounded(.up)))
        return "\"\(name)\";q=\(burst);w=\(window)"
    }
}

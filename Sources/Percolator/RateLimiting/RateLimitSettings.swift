/// The request rate limits of the SCIM service and the admin API, per tenant.
///
/// The defaults are far above what an identity provider sends (Microsoft Entra about 25
/// requests per second per tenant, Okta less) yet stop a runaway client within seconds.
public struct RateLimitSettings: Sendable {
    /// SCIM requests of one tenant: 100 per second, bursts of 1000. A Bulk request counts
    /// as one.
    public var scim = RateLimitPolicy(rate: 100, burst: 1000)
    /// Admin API requests of one tenant: 200 per second, bursts of 2000.
    public var admin = RateLimitPolicy(rate: 200, burst: 2000)
    /// The limiters' monotonic clock. Tests move it; production keeps the default.
    public var clock: @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }

    /// The defaults documented on each property.
    public init() {}
}

import HTTP
import SCIM
import Store
import Synchronization

/// A token bucket per tenant, in memory: the SCIM service and the admin API each own one.
///
/// One process, one limiter: several instances behind a load balancer each apply the
/// limit on their own. Checking costs one lock and one dictionary look-up; buckets exist
/// only for tenants that authenticated, and are dropped once full (idle) when the map
/// grows past ``maximumBuckets``, so memory is bounded by the active tenants.
final class RateLimiter: Sendable {
    /// The policy's name in the `RateLimit` / `RateLimit-Policy` fields (`"scim"`).
    let name: String
    let policy: RateLimitPolicy
    private let clock: @Sendable () -> ContinuousClock.Instant
    private let buckets = Mutex<[TenantID: TokenBucket]>([:])
    /// The `RateLimit-Policy` field, the same on every response.
    private let policyField: String
    /// Buckets kept before idle ones are dropped.
    let maximumBuckets: Int

    init(name: String, policy: RateLimitPolicy, maximumBuckets: Int = 10_000,
         clock: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.name = name
        self.policy = policy
        self.clock = clock
        self.maximumBuckets = maximumBuckets
        policyField = policy.policyField(name: name)
    }

    /// Takes one request from `tenant`'s bucket.
    func take(_ tenant: TenantID) -> RateLimitDecision {
        let now = clock()
        return buckets.withLock { buckets in
            if let index = buckets.index(forKey: tenant) {
                return buckets.values[index].take(policy, now: now)
            }
            if buckets.count >= maximumBuckets { Self.dropIdle(&buckets, policy, limit: maximumBuckets, now: now) }
            var bucket = TokenBucket(policy: policy, now: now)
            let decision = bucket.take(policy, now: now)
            buckets[tenant] = bucket
            return decision
        }
    }

    /// What ``take(_:)`` would decide for `tenant`, taking nothing: the head check's
    /// question, so that an over-limit upload is refused before its body is read.
    func peek(_ tenant: TenantID) -> RateLimitDecision {
        let now = clock()
        return buckets.withLock { $0[tenant]?.peek(policy, now: now) }
            ?? .allowed(remaining: policy.burst, resetAfter: 0)
    }

    /// The 429 when `tenant`'s bucket is empty, else `nil`; takes nothing (see ``peek(_:)``).
    func refusalIfEmpty(_ tenant: TenantID) -> HTTPResponse? {
        guard case .refused(let retryAfter) = peek(tenant) else { return nil }
        return refusal(retryAfter: retryAfter)
    }

    /// Buckets held now (for tests of the bound).
    var bucketCount: Int { buckets.withLock { $0.count } }

    /// Drops full buckets (a new one says the same); if every bucket is in use, all of
    /// them: the bound on memory wins over the limit of a moment.
    private static func dropIdle(_ buckets: inout [TenantID: TokenBucket], _ policy: RateLimitPolicy,
                                 limit: Int, now: ContinuousClock.Instant) {
        buckets = buckets.filter { !$0.value.isFull(policy, now: now) }
        if buckets.count >= limit { buckets.removeAll() }
    }

    /// Adds the `RateLimit` and `RateLimit-Policy` fields for `decision` to `response`,
    /// and `Retry-After` when it is a refusal.
    func annotate(_ response: inout HTTPResponse, with decision: RateLimitDecision) {
        switch decision {
        case .allowed(let remaining, let resetAfter):
            response.headers.append(name: "RateLimit", value: "\"\(name)\";r=\(remaining);t=\(resetAfter)")
        case .refused(let retryAfter):
            response.headers.append(name: "RateLimit", value: "\"\(name)\";r=0;t=\(retryAfter)")
            response.headers.append(name: "Retry-After", value: String(retryAfter))
        }
        response.headers.append(name: "RateLimit-Policy", value: policyField)
    }

    /// The 429 for a refusal: a SCIM error body with `Retry-After` and the rate fields.
    func refusal(retryAfter: Int) -> HTTPResponse {
        var response = SCIMResponses.error(SCIMError(
            status: 429,
            detail: "Too many requests for this tenant: at most \(policy.burst) at once and \(Self.rateText(policy.rate)) per second; retry after \(retryAfter) s."))
        annotate(&response, with: .refused(retryAfter: retryAfter))
        return response
    }

    private static func rateText(_ rate: Double) -> String {
        rate == rate.rounded() && rate < 1e9 ? String(Int(rate)) : String(rate)
    }
}

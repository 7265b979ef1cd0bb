import Store
import Testing
@testable import Percolator

@Suite("Rate limits — token bucket arithmetic on an injected clock")
struct TokenBucketTests {
    /// One step of a scenario: at `at` milliseconds after the start, `take` (or `peek`)
    /// answers `expected`.
    struct Step: Sendable, CustomStringConvertible {
        var at: Int
        var peek = false
        var expected: RateLimitDecision
        var description: String { "\(peek ? "peek" : "take")@\(at)ms → \(expected)" }
    }

    static let start = ContinuousClock.now

    @Test("each scenario's decisions", arguments: [
        // rate 2/s, burst 3: three at once, the fourth waits for the first refill (0.5 s → Retry-After 1).
        (RateLimitPolicy(rate: 2, burst: 3), [
            Step(at: 0, expected: .allowed(remaining: 2, resetAfter: 1)),
            Step(at: 0, expected: .allowed(remaining: 1, resetAfter: 1)),
            Step(at: 0, expected: .allowed(remaining: 0, resetAfter: 2)),
            Step(at: 0, expected: .refused(retryAfter: 1)),
            Step(at: 499, expected: .refused(retryAfter: 1)),
            Step(at: 500, expected: .allowed(remaining: 0, resetAfter: 2)),
            // Idle long enough: full again, never above the burst.
            Step(at: 60_000, expected: .allowed(remaining: 2, resetAfter: 1)),
        ]),
        // rate 0.1/s (one per 10 s), burst 1: Retry-After counts whole seconds up.
        (RateLimitPolicy(rate: 0.1, burst: 1), [
            Step(at: 0, expected: .allowed(remaining: 0, resetAfter: 10)),
            Step(at: 0, expected: .refused(retryAfter: 10)),
            Step(at: 2_500, expected: .refused(retryAfter: 8)),
            Step(at: 9_999, expected: .refused(retryAfter: 1)),
            Step(at: 10_000, expected: .allowed(remaining: 0, resetAfter: 10)),
        ]),
        // A peek takes nothing: the take after it still has the token.
        (RateLimitPolicy(rate: 1, burst: 1), [
            Step(at: 0, peek: true, expected: .allowed(remaining: 1, resetAfter: 0)),
            Step(at: 0, peek: true, expected: .allowed(remaining: 1, resetAfter: 0)),
            Step(at: 0, expected: .allowed(remaining: 0, resetAfter: 1)),
            Step(at: 0, peek: true, expected: .refused(retryAfter: 1)),
            Step(at: 1_000, peek: true, expected: .allowed(remaining: 1, resetAfter: 0)),
        ]),
        // Refusals do not dig a hole: after many, one refill still serves one.
        (RateLimitPolicy(rate: 1000, burst: 2), [
            Step(at: 0, expected: .allowed(remaining: 1, resetAfter: 1)),
            Step(at: 0, expected: .allowed(remaining: 0, resetAfter: 1)),
            Step(at: 0, expected: .refused(retryAfter: 1)),
            Step(at: 0, expected: .refused(retryAfter: 1)),
            Step(at: 1, expected: .allowed(remaining: 0, resetAfter: 1)),
        ]),
    ] as [(RateLimitPolicy, [Step])])
    func scenario(policy: RateLimitPolicy, steps: [Step]) {
        var bucket = TokenBucket(policy: policy, now: Self.start)
        for step in steps {
            let now = Self.start + .milliseconds(step.at)
            let decision = step.peek ? bucket.peek(policy, now: now) : bucket.take(policy, now: now)
            #expect(decision == step.expected, "\(step)")
        }
    }

    @Test("a clock that goes backwards refills nothing and takes nothing extra")
    func backwards() {
        let policy = RateLimitPolicy(rate: 1, burst: 1)
        var bucket = TokenBucket(policy: policy, now: Self.start + .seconds(5))
        #expect(bucket.take(policy, now: Self.start + .seconds(5)) == .allowed(remaining: 0, resetAfter: 1))
        #expect(bucket.take(policy, now: Self.start) == .refused(retryAfter: 1))
        #expect(bucket.take(policy, now: Self.start + .seconds(6)) == .allowed(remaining: 0, resetAfter: 1))
    }

    @Test("RateLimit-Policy says the burst and the seconds an empty bucket takes to fill", arguments: [
        (RateLimitPolicy(rate: 100, burst: 1000), #""scim";q=1000;w=10"#),
        (RateLimitPolicy(rate: 3, burst: 10), #""scim";q=10;w=4"#),
        (RateLimitPolicy(rate: 1000, burst: 1), #""scim";q=1;w=1"#),
    ])
    func policyField(policy: RateLimitPolicy, field: String) {
        #expect(policy.policyField(name: "scim") == field)
    }

    @Test("the limiter keeps a bucket per tenant, and drops idle ones past its bound")
    func boundedBuckets() {
        let clock = ManualClock()
        let limiter = RateLimiter(name: "scim", policy: RateLimitPolicy(rate: 1, burst: 1), maximumBuckets: 3,
                                  clock: { clock.now })
        #expect(limiter.take(TenantID(rawValue: "a")) == .allowed(remaining: 0, resetAfter: 1))
        #expect(limiter.take(TenantID(rawValue: "a")) == .refused(retryAfter: 1))
        #expect(limiter.take(TenantID(rawValue: "b")) == .allowed(remaining: 0, resetAfter: 1))
        clock.advance(.seconds(2))
        #expect(limiter.take(TenantID(rawValue: "c")) == .allowed(remaining: 0, resetAfter: 1))
        #expect(limiter.bucketCount == 3)
        // d finds the map full: a and b have refilled (idle) and go; c is in use and stays.
        #expect(limiter.take(TenantID(rawValue: "d")) == .allowed(remaining: 0, resetAfter: 1))
        #expect(limiter.bucketCount == 2)
        #expect(limiter.take(TenantID(rawValue: "c")) == .refused(retryAfter: 1))
    }
}

/// A token bucket: it holds up to `burst` tokens, refills at `rate` tokens per second,
/// and a request takes one. Plain arithmetic on an instant the caller passes in, so the
/// limiter's clock (and a test's) decides what time it is.
struct TokenBucket: Sendable, Equatable {
    /// Tokens left (fractional while refilling).
    private(set) var tokens: Double
    /// When `tokens` was last brought up to date.
    private(set) var updated: ContinuousClock.Instant

    /// A full bucket at `now`.
    init(policy: RateLimitPolicy, now: ContinuousClock.Instant) {
        tokens = Double(policy.burst)
        updated = now
    }

    /// Takes one token at `now` if there is one; the decision says what is left either way.
    mutating func take(_ policy: RateLimitPolicy, now: ContinuousClock.Instant) -> RateLimitDecision {
        refill(policy, now: now)
        guard tokens >= 1 else { return .refused(retryAfter: secondsUntilOneToken(policy)) }
        tokens -= 1
        return .allowed(remaining: Int(tokens), resetAfter: secondsUntilFull(policy))
    }

    /// What ``take(_:now:)`` would decide, without taking anything.
    func peek(_ policy: RateLimitPolicy, now: ContinuousClock.Instant) -> RateLimitDecision {
        var copy = self
        copy.refill(policy, now: now)
        guard copy.tokens >= 1 else { return .refused(retryAfter: copy.secondsUntilOneToken(policy)) }
        return .allowed(remaining: Int(copy.tokens), resetAfter: copy.secondsUntilFull(policy))
    }

    /// Whether the bucket is full at `now`: it then says no more than a new one would.
    func isFull(_ policy: RateLimitPolicy, now: ContinuousClock.Instant) -> Bool {
        peekTokens(policy, now: now) >= Double(policy.burst)
    }

    private mutating func refill(_ policy: RateLimitPolicy, now: ContinuousClock.Instant) {
        tokens = peekTokens(policy, now: now)
        if now > updated { updated = now }
    }

    private func peekTokens(_ policy: RateLimitPolicy, now: ContinuousClock.Instant) -> Double {
        guard now > updated else { return tokens }
        let elapsed = now - updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return min(Double(policy.burst), tokens + seconds * policy.rate)
    }

    /// Whole seconds until one token is back, at least 1 (`Retry-After` is whole seconds).
    private func secondsUntilOneToken(_ policy: RateLimitPolicy) -> Int {
        max(1, Self.ceilSeconds((1 - tokens) / policy.rate))
    }

    /// Whole seconds until the bucket is full again (0 when it is).
    private func secondsUntilFull(_ policy: RateLimitPolicy) -> Int {
        Self.ceilSeconds((Double(policy.burst) - tokens) / policy.rate)
    }

    private static func ceilSeconds(_ seconds: Double) -> Int {
        seconds <= 0 ? 0 : Int(min(seconds, 86_400).rounded(.up))
    }
}

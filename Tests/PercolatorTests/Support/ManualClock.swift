import Synchronization

/// A monotonic clock a test moves by hand, for the rate limiters (`RateLimitSettings.clock`).
final class ManualClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)
    var now: ContinuousClock.Instant { instant.withLock { $0 } }
    func advance(_ duration: Duration) { instant.withLock { $0 += duration } }
}

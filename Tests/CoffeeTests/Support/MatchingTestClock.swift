import Synchronization

/// A clock that jumps `step` forward every time it is read, so any deadline passes at
/// once: it shows what the engine does when its wall-clock cap is hit.
final class MatchingTestClock: Clock, Sendable {
    typealias Duration = Swift.Duration
    typealias Instant = ContinuousClock.Instant

    private let base = ContinuousClock.now
    private let reads = Mutex(0)
    let step: Duration

    init(step: Duration) { self.step = step }

    var now: Instant {
        let count = reads.withLock { value -> Int in
            value += 1
            return value
        }
        return base.advanced(by: step * count)
    }

    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {}
}

import Coffee
import Synchronization

/// A persistence port that says whether writes wait as told (``Persistence/writesWaiting``)
/// and counts its staging transactions; everything else goes to `base`.
final class SignalledPersistence: ForwardingPersistence {
    let base: any Persistence
    /// What ``writesWaiting`` answers.
    let waiting: Bool
    private let stages = Mutex(0)

    init(_ base: any Persistence, writesWaiting waiting: Bool) {
        self.base = base
        self.waiting = waiting
    }

    /// The ``stage(_:)`` transactions run so far.
    var stageCount: Int { stages.withLock { $0 } }

    var writesWaiting: Bool { waiting }

    func stage<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T {
        stages.withLock { $0 += 1 }
        return try await base.stage(body)
    }
}

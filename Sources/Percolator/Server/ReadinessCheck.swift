import Store
import Synchronization

/// `/readyz`'s check of the storage, answered within ``deadline`` whatever the file
/// system does: a reader answers `SELECT 1`, and writes can succeed
/// (``SQLiteDatabase/checkWritable()``). On a frozen file system the probe blocks in a
/// system call that cannot be cancelled: the answer is then "not ready" at the deadline,
/// and while that probe has not returned, later checks answer "not ready" at once rather
/// than pile up threads behind it.
final class ReadinessCheck: Sendable {
    /// What the check found; the reason is a fixed phrase, never an error's text.
    enum Outcome: Sendable, Equatable {
        case ready
        case notReady(String)
    }

    /// How long a check may take. Default: 2 s.
    let deadline: Duration
    private let probe: @Sendable () async throws -> Void
    private let isProbing = Atomic<Bool>(false)

    /// A check of `storage`.
    convenience init(storage: any StorageBackend, deadline: Duration = .seconds(2)) {
        self.init(deadline: deadline) {
            try await storage.checkReadable()
            try await storage.checkWritable()
        }
    }

    /// A check running `probe`, which throws when the storage is not ready.
    init(deadline: Duration, probe: @escaping @Sendable () async throws -> Void) {
        self.deadline = deadline
        self.probe = probe
    }

    /// Runs the check, or reports the one still running.
    func run() async -> Outcome {
        guard isProbing.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            return .notReady("no answer")
        }
        let answer = FirstAnswer()
        return await withCheckedContinuation { continuation in
            answer.set(continuation)
            let timer = Task { [deadline] in
                // Cancelled: the probe answered first.
                guard (try? await Task.sleep(for: deadline)) != nil else { return }
                answer.give(.notReady("no answer"))
            }
            Task { [self] in
                let outcome: Outcome
                do {
                    try await self.probe()
                    outcome = .ready
                } catch {
                    outcome = .notReady(StorageCondition(error)?.description ?? "failed")
                }
                self.isProbing.store(false, ordering: .releasing)
                answer.give(outcome)
                timer.cancel()
            }
        }
    }
}

/// Resumes a continuation with the first outcome given; later ones are dropped.
private final class FirstAnswer: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<ReadinessCheck.Outcome, Never>?, given: ReadinessCheck.Outcome?)>((nil, nil))

    func set(_ continuation: CheckedContinuation<ReadinessCheck.Outcome, Never>) {
        let early = state.withLock { state -> ReadinessCheck.Outcome? in
            if let given = state.given { return given }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
    }

    func give(_ outcome: ReadinessCheck.Outcome) {
        let continuation = state.withLock { state -> CheckedContinuation<ReadinessCheck.Outcome, Never>? in
            guard state.given == nil else { return nil }
            state.given = outcome
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: outcome)
    }
}

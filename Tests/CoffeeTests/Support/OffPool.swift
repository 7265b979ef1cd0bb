import Dispatch

/// Runs CPU-heavy test work on a Dispatch thread instead of the Swift concurrency pool:
/// that pool has one thread per core (two here), and a property test holding both for
/// seconds would starve the end-to-end tests running beside it (their servers time out
/// waiting for a client task that cannot be scheduled). Record issues after it returns,
/// on the test's own task.
func offPool<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
    await withCheckedContinuation { continuation in
        DispatchQueue.global(qos: .utility).async { continuation.resume(returning: work()) }
    }
}

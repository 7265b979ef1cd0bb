import Dispatch

/// A `SerialExecutor` that runs jobs on its own serial `DispatchQueue`.
///
/// An actor whose `unownedExecutor` is one of these never runs on the cooperative thread
/// pool, so the blocking `sqlite3_*` calls it makes (disk I/O, fsync, busy waits) cannot
/// starve the pool (style.md §2.3, "Confinement").
final class DispatchQueueExecutor: SerialExecutor {
    /// The serial queue every job runs on.
    let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async {
            job.runSynchronously(on: executor)
        }
    }

    /// Lets `assumeIsolated` succeed for code running synchronously on `queue`.
    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }
}

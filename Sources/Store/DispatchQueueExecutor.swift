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
        queue.setSpecific(key: Self.labelKey, value: label)
        queue.setSpecific(key: Self.ownerKey, value: ObjectIdentifier(self))
    }

    private static let labelKey = DispatchSpecificKey<String>()
    private static let ownerKey = DispatchSpecificKey<ObjectIdentifier>()

    /// Whether the calling code runs on this executor's queue.
    var isCurrent: Bool {
        DispatchQueue.getSpecific(key: Self.ownerKey) == ObjectIdentifier(self)
    }

    /// The executor whose queue the calling code runs on, as an identity to compare with
    /// `ObjectIdentifier(executor)`; `nil` off these queues.
    static var currentOwner: ObjectIdentifier? {
        DispatchQueue.getSpecific(key: ownerKey)
    }

    /// The label of the executor queue the calling code runs on, or `nil` off them (e.g.
    /// on the cooperative pool). Lets tests check that SQLite work is confined.
    static var currentLabel: String? {
        DispatchQueue.getSpecific(key: labelKey)
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

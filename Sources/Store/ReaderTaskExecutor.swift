import Dispatch
import Synchronization

/// A `TaskExecutor` (SE-0417) that runs task jobs on the reader connections' queues.
/// Code of such a task runs on a reader queue, so ``SQLiteDatabase/read(_:)`` finds its
/// connection there and reads without a hop; the jobs never touch the Swift concurrency
/// pool.
///
/// A job enqueued from one of the readers' queues stays on that queue (a resumed
/// continuation, a task started by a job there): it runs after the current job, with no
/// other thread woken for it. A job enqueued from anywhere else goes to the next reader,
/// round-robin.
final class ReaderTaskExecutor: TaskExecutor {
    private let executors: [DispatchQueueExecutor]
    private let next = Atomic<Int>(0)

    init(executors: [DispatchQueueExecutor]) {
        precondition(!executors.isEmpty, "a reader task executor needs at least one reader")
        self.executors = executors
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let taskExecutor = asUnownedTaskExecutor()
        (currentQueue ?? nextQueue()).async {
            job.runSynchronously(on: taskExecutor)
        }
    }

    /// Runs `body` on the next reader's queue, round-robin, without waiting: the
    /// group-commit writer resumes a batch's callers there, one wake-up for the batch;
    /// their tasks, enqueued from that queue, go on on it (see ``enqueue(_:)``).
    func run(_ body: @escaping @Sendable () -> Void) {
        nextQueue().async(execute: body)
    }

    /// The reader queue the calling code runs on, or `nil` off them.
    private var currentQueue: DispatchQueue? {
        guard let owner = DispatchQueueExecutor.currentOwner else { return nil }
        for executor in executors where ObjectIdentifier(executor) == owner { return executor.queue }
        return nil
    }

    private func nextQueue() -> DispatchQueue {
        let ticket = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return executors[Int(UInt(bitPattern: ticket) % UInt(executors.count))].queue
    }
}

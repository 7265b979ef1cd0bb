import Dispatch
import Synchronization

/// A `TaskExecutor` (SE-0417) that runs task jobs on the reader connections' queues,
/// spreading them round-robin. Code of such a task runs on a reader queue, so
/// ``SQLiteDatabase/read(_:)`` finds its connection there and reads without a hop; the
/// jobs never touch the Swift concurrency pool.
final class ReaderTaskExecutor: TaskExecutor {
    private let executors: [DispatchQueueExecutor]
    private let next = Atomic<Int>(0)

    init(executors: [DispatchQueueExecutor]) {
        precondition(!executors.isEmpty, "a reader task executor needs at least one reader")
        self.executors = executors
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let ticket = next.wrappingAdd(1, ordering: .relaxed).oldValue
        let executor = executors[Int(UInt(bitPattern: ticket) % UInt(executors.count))]
        let taskExecutor = asUnownedTaskExecutor()
        executor.queue.async {
            job.runSynchronously(on: taskExecutor)
        }
    }
}

import Dispatch
import Synchronization

/// A `TaskExecutor` (SE-0417) that runs task jobs on the reader connections' queues.
/// Code of such a task runs on a reader queue, so ``SQLiteDatabase/read(_:)`` finds its
/// connection there and reads without a hop; the jobs never touch the Swift concurrency
/// pool.
///
/// A job enqueued from one of the readers' queues stays on that queue (a resumed
/// continuation, a task started by a job there): it runs after the current job, with no
/// other thread woken for it. A job enqueued from anywhere else goes to the reader with
/// the fewest jobs queued or running, the next one round-robin among equals: a reader busy
/// with a long job (the whole of a 30,000-member group read and rendered, about 85 ms)
/// takes no new request while another is idle. Round-robin alone queued a quarter of the
/// SCIM creates behind each such GET: with two clients reading the group, creates fell to
/// 150–190/s at a p50 of 80–107 ms.
final class ReaderTaskExecutor: TaskExecutor {
    /// The jobs this executor queued on one reader and that have not finished.
    private final class QueueLoad: Sendable {
        let jobs = Atomic<Int>(0)
    }

    private let executors: [DispatchQueueExecutor]
    private let loads: [QueueLoad]
    private let next = Atomic<Int>(0)

    init(executors: [DispatchQueueExecutor]) {
        precondition(!executors.isEmpty, "a reader task executor needs at least one reader")
        self.executors = executors
        loads = executors.map { _ in QueueLoad() }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let taskExecutor = asUnownedTaskExecutor()
        submit(to: currentIndex ?? leastLoadedIndex()) {
            job.runSynchronously(on: taskExecutor)
        }
    }

    /// Runs `body` on the least busy reader's queue (see ``enqueue(_:)``), without
    /// waiting: the group-commit writer resumes a batch's callers there, one wake-up for
    /// the batch; their tasks, enqueued from that queue, go on on it.
    func run(_ body: @escaping @Sendable () -> Void) {
        submit(to: leastLoadedIndex(), body)
    }

    private func submit(to index: Int, _ body: @escaping @Sendable () -> Void) {
        let load = loads[index]
        load.jobs.add(1, ordering: .relaxed)
        executors[index].queue.async {
            body()
            load.jobs.subtract(1, ordering: .relaxed)
        }
    }

    /// The reader whose queue the calling code runs on, or `nil` off them.
    private var currentIndex: Int? {
        guard let owner = DispatchQueueExecutor.currentOwner else { return nil }
        return executors.firstIndex { ObjectIdentifier($0) == owner }
    }

    /// The reader with the fewest unfinished jobs, looking from the next one round-robin
    /// (so that equals take turns); the first idle one found is taken at once.
    private func leastLoadedIndex() -> Int {
        let ticket = next.wrappingAdd(1, ordering: .relaxed).oldValue
        let start = Int(UInt(bitPattern: ticket) % UInt(executors.count))
        var best = start
        var bestJobs = loads[start].jobs.load(ordering: .relaxed)
        var offset = 1
        while bestJobs > 0, offset < executors.count {
            let index = (start + offset) % executors.count
            let jobs = loads[index].jobs.load(ordering: .relaxed)
            if jobs < bestJobs { (best, bestJobs) = (index, jobs) }
            offset += 1
        }
        return best
    }
}

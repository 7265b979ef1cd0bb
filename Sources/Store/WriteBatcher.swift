import Coffee
import Synchronization

/// Group commit: write requests that arrive while a transaction is being written wait,
/// and then run together in the next one, so one fsync serves many.
///
/// Each request runs inside its own `SAVEPOINT` of the shared `BEGIN IMMEDIATE`
/// transaction: a request that throws is rolled back to its savepoint alone, and its
/// caller gets the error at once; the others go on. Callers whose request succeeded are
/// resumed only once the shared `COMMIT` is on disk, so an acknowledged write is durable:
/// on a database file the commit does not wait for the disk (`synchronous=NORMAL`) and
/// ``WALSyncer`` flushes the log on its own queue before the callers are answered, while
/// the writer runs the next batch; in memory the `COMMIT` is all there is. If the commit
/// fails, every one of them gets that error and nothing of the batch is kept; if the flush
/// fails, they get its error and no write succeeds any more. A batch holds at most
/// `maxBatchSize` requests; no timer delays a lone request.
public final class WriteBatcher: Sendable {
    /// The most requests in one transaction. Default: 64.
    public let maxBatchSize: Int
    private let database: SQLiteDatabase
    private let state = Mutex(State())
    private let batches = Atomic<Int>(0)
    private let recorded = Mutex(WriteStatistics())

    /// Transactions written so far: fewer than requests when requests were batched.
    public var transactionCount: Int { batches.load(ordering: .relaxed) }

    /// Requests waiting for the next transaction (tests wait for a batch to form).
    var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Transactions, requests, batch sizes, timings and checkpoints since start-up (`/metrics`).
    public var statistics: WriteStatistics {
        var statistics = recorded.withLock { $0 }
        if let checkpointer = database.checkpointer {
            statistics.backgroundCheckpoints = UInt64(checkpointer.backgroundCheckpoints)
            statistics.writerCheckpoints = UInt64(checkpointer.writerCheckpoints)
            statistics.failedCheckpoints = UInt64(checkpointer.failedCheckpoints)
        }
        if let syncer = database.walSyncer {
            statistics.syncRounds = UInt64(syncer.completedRounds)
            statistics.syncNanoseconds = syncer.syncNanoseconds
            statistics.syncedRequests = syncer.syncedRequests
        }
        return statistics
    }

    private struct State: ~Copyable {
        var pending: [Job] = []
        var isDraining = false
    }

    /// One request: runs on the writer and returns what to do after the commit.
    private struct Job: Sendable {
        /// Runs the request's body; `nil` when it failed (its caller was already resumed).
        let run: @Sendable (Connection) -> (@Sendable () -> Void)?
        /// Resumes the caller with a storage error (the batch failed).
        let fail: @Sendable (any Error) -> Void
        /// Whether the caller waits for a flushed commit (every request but staged rows).
        let durable: Bool
    }

    /// Each request's savepoint and its release, prepared once on the writer's connection
    /// and reused: through `sqlite3_exec` both were parsed and planned again for every
    /// request (perf of the SCIM writer, issue 10: the parser and prepare about 2% of its time).
    private static let savepoint = "SAVEPOINT request"
    private static let release = "RELEASE request"

    /// A batcher writing to `database`.
    public init(database: SQLiteDatabase, maxBatchSize: Int = 64) {
        precondition(maxBatchSize >= 1, "maxBatchSize must be at least 1")
        self.database = database
        self.maxBatchSize = maxBatchSize
    }

    /// Runs `body` on the writer, in a savepoint of a shared write transaction, and
    /// returns its result once that transaction has committed and is on disk. If `body`
    /// throws, only its own changes are rolled back and the error is rethrown.
    ///
    /// `durable: false` (staged rows, see ``Coffee/Persistence/stage(_:)``): the caller is
    /// answered at the commit, without waiting for a flush, when no request of the batch
    /// needs one; the next durable commit's flush covers it (the WAL is flushed as a whole,
    /// in order, so a crash loses only the latest staged commits). A batch with any durable
    /// request is answered after ``WALSyncer`` flushed the log (in memory: at its `COMMIT`).
    public func write<T: Sendable>(durable: Bool = true,
                                   _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let health = database.writeHealth
        // The asking task's write context, seen by the store's observer on the writer.
        let context = ResourceWriteContext.current
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                run: { db in
                    do {
                        try db.cachedStatement(Self.savepoint).execute()
                    } catch {
                        continuation.resume(throwing: error)
                        return nil
                    }
                    do {
                        let value = try ResourceWriteContext.$current.withValue(context) { try body(db) }
                        try db.cachedStatement(Self.release).execute()
                        return { continuation.resume(returning: value) }
                    } catch {
                        health.record(error)
                        if !db.isAutocommit {
                            try? db.execute("ROLLBACK TO request")
                            try? db.execute("RELEASE request")
                        }
                        continuation.resume(throwing: error)
                        return nil
                    }
                },
                fail: { continuation.resume(throwing: $0) },
                durable: durable)
            let startDrain = state.withLock { state -> Bool in
                state.pending.append(job)
                guard !state.isDraining else { return false }
                state.isDraining = true
                return true
            }
            if startDrain {
                scheduleNextBatch(queuedAt: ContinuousClock.now)
            }
        }
    }

    /// Runs the next batch on the writer's own thread. Each batch is its own block on the
    /// writer's queue, so whatever else waits for the writer runs between two batches; no
    /// task on the concurrency pool is involved (one hop to the writer per batch, none back).
    private func scheduleNextBatch(queuedAt: ContinuousClock.Instant) {
        database.enqueueOnWriter { db in
            let batch = self.state.withLock { state -> [Job] in
                let count = min(state.pending.count, self.maxBatchSize)
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                if batch.isEmpty { state.isDraining = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            self.run(batch, queuedAt: queuedAt, in: db)
            self.scheduleNextBatch(queuedAt: ContinuousClock.now)
        }
    }

    /// Runs `batch` in one transaction on the writer's connection `db`. A job whose own
    /// body failed has resumed its caller already; every other caller is resumed after the
    /// commit, with its result, or with the error if the transaction did not commit.
    private func run(_ batch: [Job], queuedAt: ContinuousClock.Instant, in db: Connection) {
        let syncer = database.walSyncer
        // After a failed sync of the log nothing is written again before a restart.
        if let failure = syncer?.failure {
            for job in batch { job.fail(failure) }
            return
        }
        var resolved = Set<Int>()
        batches.add(1, ordering: .relaxed)
        let clock = ContinuousClock()
        let bodyStarted = clock.now
        var bodyEnded = bodyStarted
        // The writer thread's CPU time at the same points: what of each phase it spent on a core.
        let bodyStartedCPU = ThreadCPUClock.now() ?? .zero
        var bodyEndedCPU = bodyStartedCPU
        do {
            let body = { (db: Connection) throws -> [@Sendable () -> Void] in
                var completions: [@Sendable () -> Void] = []
                completions.reserveCapacity(batch.count)
                for (index, job) in batch.enumerated() {
                    if let completion = job.run(db) {
                        completions.append(completion)
                    } else {
                        resolved.insert(index)
                    }
                    // An I/O or full-disk error can abort the whole transaction: then no
                    // earlier request of the batch can commit, so the batch fails.
                    if db.isAutocommit {
                        throw StoreError(code: .abort, message: "a failing request rolled back the shared transaction")
                    }
                }
                bodyEnded = clock.now
                bodyEndedCPU = ThreadCPUClock.now() ?? .zero
                return completions
            }
            // Staged rows alone commit without a flush. A batch with a durable request is
            // flushed by the syncer (its callers answered after), or by its own COMMIT on a
            // database without a log file.
            let durable = batch.contains(where: \.durable)
            let completions = durable && syncer == nil ? try db.transaction(.immediate, body)
                                                       : try SQLiteDatabase.unflushed(db, body)
            // A batch whose every request failed commits nothing and proves nothing.
            if !completions.isEmpty { database.writeHealth.recordSuccess() }
            let committed = clock.now
            let committedCPU = ThreadCPUClock.now() ?? .zero
            let pages = db.takePagesWritten()
            recorded.withLock {
                $0.record(size: batch.count, handoff: bodyStarted - queuedAt, body: bodyEnded - bodyStarted,
                          commit: committed - bodyEnded, walPages: pages,
                          bodyCPU: bodyEndedCPU - bodyStartedCPU, commitCPU: committedCPU - bodyEndedCPU)
            }
            // Resumed on one reader thread: one wake-up for the batch, and what the callers
            // do next (encoding their responses) runs there, not on the writer.
            if !completions.isEmpty {
                let database = database
                let resume: @Sendable () -> Void = { database.afterCommit { for completion in completions { completion() } } }
                if durable, let syncer {
                    let committedJobs = batch.enumerated().filter { !resolved.contains($0.offset) }.map(\.element)
                    syncer.register(WALSyncer.Waiting(resume: resume, fail: { error in
                        database.writeHealth.record(error)
                        for job in committedJobs { job.fail(error) }
                    }, requests: committedJobs.count))
                } else {
                    resume()
                }
            }
        } catch {
            database.writeHealth.record(error)
            for (index, job) in batch.enumerated() where !resolved.contains(index) {
                job.fail(error)
            }
        }
    }
}

import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Makes the group-commit writer's commits durable off the writer's thread: the writer
/// commits a batch without syncing the log (`synchronous=NORMAL`, so the commit frame and
/// the wal-index are written, the `fdatasync` is not) and hands the batch's callers here;
/// this flushes the log file (`fdatasync`, on a queue of its own) and only then lets them
/// be answered. The writer meanwhile runs the next batch, so a commit's wait for the disk
/// overlaps the next transaction's body instead of stopping the writer (issue 10: the
/// commit was 39–44% of each transaction and its thread on a core for a quarter of it).
///
/// The promise stays the same for every caller: nothing is answered before its write is
/// on disk. A round takes every batch registered before it starts (each registered after
/// its `COMMIT` returned, so its frames are in the file) and syncs the log once for all of
/// them; batches registered meanwhile wait for the next round. What changes is what others
/// may read: like the staged rows of ``WriteBatcher/write(durable:_:)`` (`durable: false`),
/// a commit is visible to readers up to one round before it is durable; a crash in that
/// window loses it, and no caller was told it was written. A side effect with effects
/// outside the database waits for a durable write of its own (the outbox claims a row
/// before it delivers it), which comes after.
///
/// The first round on a log file also syncs its directory, so that a log created since
/// start-up cannot lose its name. A failed sync fails every waiting caller with
/// `SQLITE_IOERR_FSYNC` and every later one: the process must restart before it writes
/// again (the kernel may have dropped the pages that failed to write; SQLite recovers from
/// what the disk holds), as PostgreSQL does after a failed `fsync`.
final class WALSyncer: Sendable {
    /// Callers of one committed batch: resumed once a round covering it has synced.
    struct Waiting: Sendable {
        /// Answers the batch's callers (their commit is durable).
        let resume: @Sendable () -> Void
        /// Fails the batch's callers with the sync's error.
        let fail: @Sendable (any Error) -> Void
        /// How many callers the batch answers (``syncedRequests``).
        var requests = 1
    }

    private struct State: ~Copyable {
        var waiting: [Waiting] = []
        var isDraining = false
        var failure: StoreError?
        /// The device and inode of the log file whose directory was synced.
        var syncedFile: (dev_t, ino_t)?
    }

    /// The write-ahead log file (`<database>-wal`).
    let logPath: String
    /// The directory holding it.
    let directoryPath: String
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "percolator.store.wal-sync")
    private let rounds = Atomic<Int>(0)
    private let roundNanoseconds = Atomic<UInt64>(0)
    private let requestsSynced = Atomic<UInt64>(0)
    /// Rounds still to fail (tests: a failing disk on demand).
    private let failingRounds = Atomic<Int>(0)

    /// A syncer for the log of the database at `databasePath`.
    init(databasePath: String) {
        logPath = databasePath + "-wal"
        if let slash = databasePath.lastIndex(of: "/") {
            directoryPath = slash == databasePath.startIndex ? "/" : String(databasePath[..<slash])
        } else {
            directoryPath = "."
        }
    }

    /// Rounds that synced the log so far (each covering every batch registered before it).
    var completedRounds: Int { rounds.load(ordering: .relaxed) }
    /// The time those rounds took, summed (`/metrics`: the disk's share of a write's wait).
    var syncNanoseconds: UInt64 { roundNanoseconds.load(ordering: .relaxed) }
    /// The callers those rounds answered.
    var syncedRequests: UInt64 { requestsSynced.load(ordering: .relaxed) }

    /// The error that stopped durable writes, if a sync failed.
    var failure: StoreError? { state.withLock { $0.failure } }

    /// Makes the next `count` rounds fail as a failing disk would (tests).
    func failNextRounds(_ count: Int) {
        failingRounds.store(count, ordering: .relaxed)
    }

    /// Registers a batch whose `COMMIT` returned: `resume` runs after a round that started
    /// after this call synced the log, `fail` if that round fails (or one failed before).
    func register(_ batch: Waiting) {
        let (start, failure) = state.withLock { state -> (Bool, StoreError?) in
            if let failure = state.failure { return (false, failure) }
            state.waiting.append(batch)
            guard !state.isDraining else { return (false, nil) }
            state.isDraining = true
            return (true, nil)
        }
        if let failure { batch.fail(failure) }
        if start { queue.async { self.drain() } }
    }

    /// Runs rounds until no batch waits.
    private func drain() {
        while true {
            let taken = state.withLock { state -> [Waiting] in
                let taken = state.waiting
                state.waiting.removeAll(keepingCapacity: true)
                if taken.isEmpty { state.isDraining = false }
                return taken
            }
            guard !taken.isEmpty else { return }
            do {
                let clock = ContinuousClock()
                let started = clock.now
                try syncLog()
                roundNanoseconds.add(WriteStatistics.nanoseconds(clock.now - started), ordering: .relaxed)
                requestsSynced.add(UInt64(taken.reduce(0) { $0 + $1.requests }), ordering: .relaxed)
                rounds.add(1, ordering: .relaxed)
                for batch in taken { batch.resume() }
            } catch let failure {
                let stranded = state.withLock { state -> [Waiting] in
                    state.failure = failure
                    state.isDraining = false
                    defer { state.waiting.removeAll() }
                    return state.waiting
                }
                for batch in taken + stranded { batch.fail(failure) }
                return
            }
        }
    }

    /// `fdatasync` of the log file (and of its directory, the first time for this file).
    /// A log that no longer exists was checkpointed into the database and deleted by
    /// SQLite, which synced the database first: nothing is left to sync.
    private func syncLog() throws(StoreError) {
        if failingRounds.load(ordering: .relaxed) > 0 {
            failingRounds.subtract(1, ordering: .relaxed)
            throw Self.syncFailed("fdatasync of the log failed (test)")
        }
        let fd = open(logPath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return }
            throw Self.syncFailed("cannot open the log to sync it (errno \(errno))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw Self.syncFailed("cannot stat the log (errno \(errno))")
        }
        guard fdatasync(fd) == 0 else {
            throw Self.syncFailed("fdatasync of the log failed (errno \(errno))")
        }
        let file = (info.st_dev, info.st_ino)
        guard state.withLock({ $0.syncedFile.map { $0 != file } ?? true }) else { return }
        let directory = open(directoryPath, O_RDONLY | O_CLOEXEC)
        guard directory >= 0 else {
            throw Self.syncFailed("cannot open the log's directory (errno \(errno))")
        }
        defer { close(directory) }
        guard fsync(directory) == 0 else {
            throw Self.syncFailed("fsync of the log's directory failed (errno \(errno))")
        }
        state.withLock { $0.syncedFile = file }
    }

    /// `SQLITE_IOERR_FSYNC`, an I/O error (a ``StorageCondition/unavailable`` storage), saying
    /// what could not be done.
    private static func syncFailed(_ message: String) -> StoreError {
        StoreError(code: ResultCode(rawValue: 10 | (4 << 8)), message: message)
    }
}

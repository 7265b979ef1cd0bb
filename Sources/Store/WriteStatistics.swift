import Synchronization

/// What the group-commit writer has done since start-up: transactions, the requests they
/// carried, and where a transaction's time went. Counters only grow; a benchmark reads
/// them before and after a run and divides the differences (batch size = requests /
/// transactions; writer busy = (body + commit) / wall time).
public struct WriteStatistics: Sendable, Equatable {
    /// Transactions written (one `BEGIN IMMEDIATE` … `COMMIT` each).
    public var transactions: UInt64 = 0
    /// Requests run in those transactions (each in its savepoint).
    public var requests: UInt64 = 0
    /// Time from a batch taken off the queue to its transaction body starting on the
    /// writer thread (the hop to the writer), in nanoseconds, summed.
    public var handoffNanoseconds: UInt64 = 0
    /// Time the writer spent running the batches' requests (SQL and observers, before
    /// `COMMIT`), in nanoseconds, summed.
    public var bodyNanoseconds: UInt64 = 0
    /// Time from the body's end to the writer being free again: the `COMMIT` (its WAL
    /// write; the log's flush is the ``WALSyncer``'s, counted in ``syncNanoseconds``), in
    /// nanoseconds, summed.
    public var commitNanoseconds: UInt64 = 0
    /// Of ``bodyNanoseconds``, the time the writer's thread was on a core (its thread CPU
    /// clock); the rest it waited for a core or a lock.
    public var bodyCPUNanoseconds: UInt64 = 0
    /// Of ``commitNanoseconds``, the time the writer's thread was on a core (writing the
    /// WAL); the rest it waited for the disk or a core.
    public var commitCPUNanoseconds: UInt64 = 0
    /// Pages the writer's transactions wrote to the WAL (each changed B-tree page once
    /// per commit, and pages spilled from the cache before it); pages per request is what
    /// a write costs the commit.
    public var walPages: UInt64 = 0
    /// Checkpoints of the WAL by where they ran: `background` on the checkpointer's own
    /// connection (``WALCheckpointer``), `writer` in a commit because the log passed the
    /// high mark, `failed` ended with an error other than busy (the log then grows until
    /// one succeeds). Zero for an in-memory database, which has no log.
    public var backgroundCheckpoints: UInt64 = 0
    /// See ``backgroundCheckpoints``.
    public var writerCheckpoints: UInt64 = 0
    /// See ``backgroundCheckpoints``.
    public var failedCheckpoints: UInt64 = 0
    /// Flushes of the log by ``WALSyncer`` (each answering every durable batch committed
    /// before it began), the time they took, and the callers they answered. Zero in memory.
    public var syncRounds: UInt64 = 0
    /// See ``syncRounds``.
    public var syncNanoseconds: UInt64 = 0
    /// See ``syncRounds``.
    public var syncedRequests: UInt64 = 0
    /// Transactions by batch size: 1, 2–3, 4–7, 8–15, 16–31, 32 and more.
    public var batchSizes: [UInt64] = Array(repeating: 0, count: WriteStatistics.batchSizeBounds.count)

    /// The lower bound of each ``batchSizes`` bucket.
    public static let batchSizeBounds = [1, 2, 4, 8, 16, 32]

    /// Nothing written yet.
    public init() {}

    /// Counts one transaction of `size` requests; `bodyCPU` and `commitCPU`: the writer
    /// thread's CPU time during `body` and `commit`.
    mutating func record(size: Int, handoff: Duration, body: Duration, commit: Duration, walPages pages: Int = 0,
                         bodyCPU: Duration = .zero, commitCPU: Duration = .zero) {
        transactions += 1
        walPages += UInt64(max(0, pages))
        requests += UInt64(size)
        handoffNanoseconds += Self.nanoseconds(handoff)
        bodyNanoseconds += Self.nanoseconds(body)
        commitNanoseconds += Self.nanoseconds(commit)
        bodyCPUNanoseconds += Self.nanoseconds(bodyCPU)
        commitCPUNanoseconds += Self.nanoseconds(commitCPU)
        let bucket = Self.batchSizeBounds.lastIndex { size >= $0 } ?? 0
        batchSizes[bucket] += 1
    }

    /// `duration` in whole nanoseconds, zero when negative.
    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}

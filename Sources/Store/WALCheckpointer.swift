import CSQLite
import Synchronization

/// Checkpoints the write-ahead log on a connection and thread of its own, so the writer's
/// commits do not copy pages into the database file (issue 10).
///
/// SQLite's automatic checkpoint (`wal_autocheckpoint`, 1,000 pages) ran inside the
/// writer's `COMMIT` about every dozen transactions: it copied the log's pages into the
/// database file and synced it there, while every request of the batch waited. The writer
/// now reports the log's size after each commit (`sqlite3_wal_hook`, which replaces the
/// automatic checkpoint), and past ``thresholdPages`` this checkpointer runs a `PASSIVE`
/// checkpoint on its own connection and `DispatchQueue` (never the concurrency pool),
/// beside the writer's next transactions. Durability is unchanged: commits still flush the
/// log (`synchronous=FULL`), and the checkpoint flushes the log before it copies and the
/// database file after, as SQLite's own does.
///
/// The log starts over only at a commit that finds every frame checkpointed. Under a
/// steady stream of writes the background checkpoint never gets there (the writer appends
/// while it copies), so the log grows, each background checkpoint copying what was
/// appended since the last, until it passes ``highMarkPages``: then the writer checkpoints
/// in its commit as it did before, copying only those last frames, and the next commit
/// starts the log over. The same backstop bounds the log when the background cannot keep
/// up or readers hold old snapshots. At shutdown the last connection to close checkpoints
/// the log and deletes it (SQLite).
///
/// Past the threshold, a background checkpoint is asked for once the log has grown by
/// ``spacingPages`` since the last was asked for (250 by default), not after every
/// commit: a checkpoint copies each page once however many frames hold it, and syncs the
/// database file once, while consecutive commits rewrite the same pages (the last leaf of
/// every append-only index, interior pages, the counters). Within ``spacingPages`` of the
/// high mark it is asked for after every commit again, so that the writer's own checkpoint
/// there has one commit's frames to copy. Measured (issue 10, creates and Entra PATCHes,
/// six programs, 30,000 users, perf): background checkpoints fell from about 230 to 87 a
/// second under creates, and the checkpointer's share of the server's CPU from 12.5% to
/// 8.5% (under PATCHes from 10.8% to 9.3%); rates and the PATCHes' p99 moved within this
/// machine's drift (ahead in 8 of 12 pairs, the p99 lower in 2 of 3). Spaced by 1,000
/// pages instead, the kernel's share fell further (8.4% to 5.0%), but the PATCHes' p99
/// rose in every pair (15.1 against 11.1 ms at 100,000 users), probably because larger
/// copies and syncs of the database file delay the log's flushes (not verified); spaced
/// all the way to the high mark, without the exception, it tripled.
final class WALCheckpointer: Sendable {
    /// Log pages after a commit past which a background checkpoint is asked for.
    let thresholdPages: Int
    /// Log pages appended between two background checkpoints past the threshold.
    let spacingPages: Int
    /// Log pages after a commit past which the writer checkpoints itself (backstop).
    let highMarkPages: Int
    /// The checkpointer's own connection, on its own queue.
    let connection: ConnectionActor
    private let isScheduled = Atomic<Bool>(false)
    /// The log's size when the last background checkpoint was asked for (0 after it started over).
    private let requestedAt = Atomic<Int>(0)
    /// The log's size after the previous commit: a smaller one means it started over.
    private let previousPages = Atomic<Int>(0)
    private let background = Atomic<Int>(0)
    private let inWriter = Atomic<Int>(0)
    private let failed = Atomic<Int>(0)

    /// A checkpointer with its own connection to the database at `path`.
    init(path: String, configuration: Connection.Configuration, thresholdPages: Int, spacingPages: Int,
         highMarkPages: Int) throws {
        precondition(thresholdPages >= 1 && highMarkPages >= thresholdPages, "0 < threshold <= high mark")
        precondition(spacingPages >= 1, "a spacing of one page at least")
        self.thresholdPages = thresholdPages
        self.spacingPages = spacingPages
        self.highMarkPages = highMarkPages
        connection = try ConnectionActor(path: path, configuration: configuration,
                                         label: "percolator.store.checkpointer")
    }

    /// Whether a background checkpoint is asked for or running (tests wait for it).
    var isRunning: Bool { isScheduled.load(ordering: .acquiring) }
    /// Background checkpoints run so far (each `PASSIVE`, on the checkpointer's connection).
    var backgroundCheckpoints: Int { background.load(ordering: .relaxed) }
    /// Checkpoints the writer ran in a commit because the log passed the high mark.
    var writerCheckpoints: Int { inWriter.load(ordering: .relaxed) }
    /// Checkpoints that returned an error other than busy.
    var failedCheckpoints: Int { failed.load(ordering: .relaxed) }

    /// Called on the writer's thread after each commit, the log holding `pages` pages.
    func committed(pages: Int, writer: OpaquePointer) {
        if pages < previousPages.exchange(pages, ordering: .relaxed) {
            requestedAt.store(0, ordering: .relaxed)
        }
        if pages >= highMarkPages {
            // PASSIVE: returns at once (busy) while the background checkpoint holds its lock.
            if sqlite3_wal_checkpoint_v2(writer, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil) == SQLITE_OK {
                inWriter.add(1, ordering: .relaxed)
            }
            return
        }
        // Within a spacing of the high mark, one after every commit again: the writer's
        // backstop then copies one commit's frames, not up to a spacing's worth in its commit.
        let nearHighMark = pages >= highMarkPages - spacingPages
        guard pages >= thresholdPages, nearHighMark || pages - requestedAt.load(ordering: .relaxed) >= spacingPages,
              isScheduled.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        requestedAt.store(pages, ordering: .relaxed)
        connection.enqueue { db in self.checkpoint(db) }
    }

    /// Runs one `PASSIVE` checkpoint on the checkpointer's connection; the first commit
    /// that finds ``spacingPages`` more pages in the log asks for the next one.
    private func checkpoint(_ db: Connection) {
        let code = sqlite3_wal_checkpoint_v2(db.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        if code == SQLITE_OK {
            background.add(1, ordering: .relaxed)
        } else if code & 0xff != SQLITE_BUSY {
            failed.add(1, ordering: .relaxed)
        }
        isScheduled.store(false, ordering: .releasing)
    }
}

extension Connection {
    /// Replaces SQLite's automatic checkpoint on this (the writer's) connection with
    /// `checkpointer`, told the log's size after each commit. The connection keeps it alive.
    func checkpoints(with checkpointer: WALCheckpointer) {
        walObserver = checkpointer
        sqlite3_wal_hook(handle, { context, db, _, pages in
            guard let context, let db else { return SQLITE_OK }
            Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
                .committed(pages: Int(pages), writer: db)
            return SQLITE_OK
        }, Unmanaged.passUnretained(checkpointer).toOpaque())
    }
}

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
/// Tried and reverted (issue 10): asking for a background checkpoint only once the log had
/// grown by ``thresholdPages`` since the last, so that a page many commits rewrite is
/// copied once (about 240 distinct pages in 1,000 frames of creates), and after every
/// commit again near the high mark. Under creates it cut the background checkpoints from
/// about 2,600 to 530 in 10 s and the kernel's share of the server's CPU in `pwrite`,
/// `pread` and `fdatasync` from 8.4% to 5.0%, with no rate gain beyond the drift; but the
/// Entra PATCHes' p99 rose in every pair measured (15.1 against 11.1 ms at 100,000 users;
/// 16.5 and 18.4 against 15.2 and 15.3 ms at 30,000), probably because the larger copies
/// and syncs of the database file delay the log's flushes (not verified).
final class WALCheckpointer: Sendable {
    /// Log pages after a commit past which a background checkpoint is asked for.
    let thresholdPages: Int
    /// Log pages after a commit past which the writer checkpoints itself (backstop).
    let highMarkPages: Int
    /// The checkpointer's own connection, on its own queue.
    let connection: ConnectionActor
    private let isScheduled = Atomic<Bool>(false)
    private let background = Atomic<Int>(0)
    private let inWriter = Atomic<Int>(0)
    private let failed = Atomic<Int>(0)

    /// A checkpointer with its own connection to the database at `path`.
    init(path: String, configuration: Connection.Configuration, thresholdPages: Int, highMarkPages: Int) throws {
        precondition(thresholdPages >= 1 && highMarkPages >= thresholdPages, "0 < threshold <= high mark")
        self.thresholdPages = thresholdPages
        self.highMarkPages = highMarkPages
        connection = try ConnectionActor(path: path, configuration: configuration,
                                         label: "percolator.store.checkpointer")
    }

    /// Background checkpoints run so far (each `PASSIVE`, on the checkpointer's connection).
    var backgroundCheckpoints: Int { background.load(ordering: .relaxed) }
    /// Checkpoints the writer ran in a commit because the log passed the high mark.
    var writerCheckpoints: Int { inWriter.load(ordering: .relaxed) }
    /// Checkpoints that returned an error other than busy.
    var failedCheckpoints: Int { failed.load(ordering: .relaxed) }

    /// Called on the writer's thread after each commit, the log holding `pages` pages.
    func committed(pages: Int, writer: OpaquePointer) {
        if pages >= highMarkPages {
            // PASSIVE: returns at once (busy) while the background checkpoint holds its lock.
            if sqlite3_wal_checkpoint_v2(writer, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil) == SQLITE_OK {
                inWriter.add(1, ordering: .relaxed)
            }
            return
        }
        guard pages >= thresholdPages,
              isScheduled.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        connection.enqueue { db in self.checkpoint(db) }
    }

    /// Runs one `PASSIVE` checkpoint on the checkpointer's connection; the next commit past
    /// the threshold asks for the next one.
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

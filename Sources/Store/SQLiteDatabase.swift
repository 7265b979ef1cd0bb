import Synchronization

/// An SQLite database file behind one writer connection and a small pool of readers.
///
/// - `write { db in … }` runs on the single writer inside `BEGIN IMMEDIATE` … `COMMIT`,
///   and rolls back if the closure throws. Writes are serialised by the writer's actor.
/// - `read { db in … }` runs on the next reader (round-robin) inside a deferred
///   transaction, so every statement in the closure sees the same committed snapshot
///   (WAL), never a write in progress. Readers are `query_only`.
///
/// Each connection is confined to an actor running on its own `DispatchQueue`, so
/// `sqlite3_step` never runs on the cooperative pool. The closures are synchronous on
/// purpose: a transaction never spans an `await`.
///
/// For `":memory:"` there are no readers (an in-memory database is private to its
/// connection), and `read` runs on the writer; tests of concurrency use a temporary file.
public final class SQLiteDatabase: Sendable {
    /// How the database is opened.
    public struct Configuration: Sendable {
        /// Reader connections in the pool. Default: 4. Ignored for `":memory:"`.
        public var readerCount = 4
        /// Settings applied to every connection (readers also get `isQueryOnly`, the
        /// writer `keepsJournalsInMemory`).
        public var connection = Connection.Configuration()
        /// The writer's page cache in KiB. Default: 32 MiB (issue 16: a session of 100,000
        /// members is staged in short transactions into indexes keyed by member and token;
        /// with SQLite's 2 MB default every transaction read their pages back from the file).
        /// SQLite allocates pages as they are used.
        public var writerCacheKibibytes: Int? = 32 * 1_024
        /// How much of the database file the writer and the readers read through a memory
        /// map, in KiB (`PRAGMA mmap_size`), or `nil` for none: every page read with
        /// `pread`. Default: `nil`. In WAL mode a reader's page cache starts empty at each
        /// read transaction after a commit, so under writes every page a read touches is a
        /// `pread` into a copy; mapped, a page of the file is read in place (pages newer in
        /// the log are still read from it, and writes still go through `pwrite`).
        ///
        /// Off by default (issue 10, measured): 256 MiB cut the `pread64` calls per Entra
        /// PATCH from 21 to 9 and per create from 6.1 to 2.4 (10,000 users), but every
        /// mapped page a read touched counts in the process's RSS (file-backed, shared and
        /// reclaimable, yet what a memory limit sees): 83 MB → 246 MB after the benchmark's
        /// 30,000-user run, against a 200 MB target at 100,000 users, for a CPU gain the
        /// benchmark could not tell from its noise. And SQLite's caveat
        /// (<https://www.sqlite.org/mmap.html>): an I/O error reading a mapped page is a
        /// `SIGBUS` that stops the process instead of an error that fails the request.
        public var mapKibibytes: Int? = nil
        /// Log pages after a commit past which ``WALCheckpointer`` checkpoints in the
        /// background (SQLite's own automatic checkpoint, now off on the writer, ran at
        /// 1,000 inside the commit). Default: 1,000.
        public var checkpointThresholdPages = 1_000
        /// Log pages appended between two background checkpoints past the threshold
        /// (``WALCheckpointer`` explains the choice). Default: 250; 1 asks for one after
        /// every commit.
        public var checkpointSpacingPages = 250
        /// Log pages after a commit past which the writer checkpoints itself, the
        /// background checkpoint not having kept up (the log's bound). Default: 10,000
        /// (40 MiB of 4 KiB pages).
        public var checkpointHighMarkPages = 10_000

        /// The defaults documented on each property.
        public init() {}
    }

    /// The path the database was opened with.
    public let path: String
    private let writer: ConnectionActor
    private let readers: [ConnectionActor]
    private let nextReader = Atomic<Int>(0)
    private let readerExecutor: ReaderTaskExecutor?
    /// Checkpoints the log off the writer; `nil` for `":memory:"` (no log).
    let checkpointer: WALCheckpointer?
    /// Syncs the log for the ``WriteBatcher``'s commits off the writer; `nil` for `":memory:"`.
    let walSyncer: WALSyncer?
    /// Whether the latest write met a storage condition (full, read-only, I/O error).
    public let writeHealth = WriteHealth()

    /// Opens the writer, then the readers. Call at start-up: it blocks the calling thread
    /// while each connection opens on its own queue.
    public init(path: String, configuration: Configuration = Configuration()) throws {
        precondition(configuration.readerCount >= 1, "readerCount must be at least 1")
        self.path = path
        var writerConfiguration = configuration.connection
        writerConfiguration.keepsJournalsInMemory = true
        if let kibibytes = configuration.writerCacheKibibytes { writerConfiguration.cacheKibibytes = kibibytes }
        writerConfiguration.mapKibibytes = configuration.mapKibibytes
        PrivateDatabaseFile.createIfMissing(path)
        writer = try ConnectionActor(path: path, configuration: writerConfiguration,
                                     label: "percolator.store.writer")
        if path == ":memory:" || path.isEmpty {
            readers = []
            checkpointer = nil
            walSyncer = nil
        } else {
            walSyncer = WALSyncer(databasePath: path)
            let checkpointer = try WALCheckpointer(path: path, configuration: configuration.connection,
                                                   thresholdPages: configuration.checkpointThresholdPages,
                                                   spacingPages: configuration.checkpointSpacingPages,
                                                   highMarkPages: configuration.checkpointHighMarkPages)
            try writer.withConnectionSync { $0.checkpoints(with: checkpointer) }
            self.checkpointer = checkpointer
            var readerConfiguration = configuration.connection
            readerConfiguration.isQueryOnly = true
            readerConfiguration.mapKibibytes = configuration.mapKibibytes
            readers = try (0..<configuration.readerCount).map { index in
                try ConnectionActor(path: path, configuration: readerConfiguration,
                                    label: "percolator.store.reader.\(index)")
            }
        }
        readerExecutor = readers.isEmpty ? nil : ReaderTaskExecutor(executors: readers.map(\.queueExecutor))
    }

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`) on the writer connection:
    /// committed when it returns, rolled back when it throws; ``writeHealth`` told which.
    /// (``WriteBatcher`` opens its transactions on the writer's thread itself.)
    public func write<T: Sendable>(_ body: @Sendable (Connection) throws -> T) async throws -> T {
        do {
            let result = try await writer.transaction(.immediate, body)
            writeHealth.recordSuccess()
            return result
        } catch {
            writeHealth.record(error)
            throw error
        }
    }

    /// Runs `body` in a write transaction on `db` committed with `synchronous=NORMAL` (in
    /// WAL mode: no flush at commit), then puts the connection's setting back: the
    /// ``WriteBatcher``'s batches, whose durable callers wait for ``walSyncer``'s flush
    /// (``WriteBatcher/write(durable:_:)``).
    ///
    /// The three pragmas are cached statements: `Connection/pragma(_:set:)` prepares each
    /// anew, and preparing three statements per batch was 0.6% of the server's CPU under
    /// SCIM creates, on the single writer (issue 10).
    static func unflushed<T>(_ db: Connection, _ body: (Connection) throws -> T) throws -> T {
        let setting = try db.queryOne("PRAGMA synchronous") { $0.int(0) } ?? 2
        try db.execute("PRAGMA synchronous = 1")  // NORMAL
        defer { try? db.execute("PRAGMA synchronous = \(setting)") }  // an integer SQLite gave
        return try db.transaction(.immediate, body)
    }

    /// Runs `body` on the writer's thread, outside any transaction, and returns at once:
    /// for ``WriteBatcher``, which opens its transactions there itself and reports their
    /// outcome to ``writeHealth``.
    func enqueueOnWriter(_ body: @escaping @Sendable (Connection) -> Void) {
        writer.enqueue(body)
    }

    /// Runs `body` on a reader's thread, later (on the writer's for `":memory:"`, which has
    /// no readers, at once): the ``WriteBatcher`` resumes the callers of a committed batch
    /// there, so the writer wakes one thread per batch instead of one per caller, and goes
    /// on with the next batch meanwhile.
    func afterCommit(_ body: @escaping @Sendable () -> Void) {
        if let readerExecutor { readerExecutor.run(body) } else { body() }
    }

    /// Throws the storage error that keeps writes from succeeding, if any, for a
    /// readiness check: the writer connection was opened read-only (the file or its
    /// directory is not writable); or the latest write met a storage condition, and a
    /// probe write (64 KiB into `storage_probe`, deleted in the same committed
    /// transaction) still fails. While writes succeed it writes nothing. It may block as
    /// long as the file system does: bound it with a deadline.
    public func checkWritable() async throws {
        let readOnly = try await writer.withConnection { db in db.isReadOnly }
        if readOnly { throw StoreError(code: .readOnly, message: "the database was opened read-only") }
        if let failure = walSyncer?.failure { throw failure }
        guard writeHealth.condition != nil else { return }
        try await write { db in
            try db.execute("INSERT INTO storage_probe (filler) VALUES (zeroblob(65536))")
            try db.execute("DELETE FROM storage_probe")
        }
        writeHealth.recordRoomAgain()
    }

    /// Runs `body` in a read transaction (deferred) on a reader connection: one consistent
    /// snapshot of committed data. Writes inside it fail with `.readOnly`.
    ///
    /// Called from a task running on a reader's own queue (see ``readerTaskExecutor``), it
    /// reads on that reader at once, without a hop to another thread.
    public func read<T: Sendable>(_ body: @Sendable (Connection) throws -> T) async throws -> T {
        for reader in readers where reader.isOnItsQueue {
            return try reader.transactionHere(.deferred, body)
        }
        return try await nextReaderActor().transaction(.deferred, body)
    }

    /// Throws unless a reader connection answers a query (readiness).
    public func checkReadable() async throws {
        _ = try await read { db in try db.queryOne("SELECT 1") { $0.int64(0) } }
    }

    /// A task executor that runs tasks on the readers' queues: round-robin for work that
    /// arrives from elsewhere, on the same reader for work enqueued from a reader's queue
    /// (see ``ReaderTaskExecutor``). A request handler started with it
    /// (`Task(executorPreference:)`) reads without a thread hop, and never runs
    /// `sqlite3_step` on the Swift concurrency pool. `nil` without readers.
    public var readerTaskExecutor: (any TaskExecutor)? { readerExecutor }

    /// Applies `migrator`'s pending migrations on the writer; returns their identifiers.
    @discardableResult
    public func migrate(_ migrator: Migrator) async throws -> [String] {
        try await writer.withConnection { try migrator.migrate($0) }
    }

    // MARK: - Synchronous variants

    /// `write`, for a dedicated thread (command line, benchmarks): blocks the calling
    /// thread. Never call it from the cooperative pool. Called from inside a `write` closure
    /// of the same database it throws `.misuse` instead of deadlocking.
    public func writeSync<T: Sendable>(_ body: @Sendable (Connection) throws -> T) throws -> T {
        try writer.withConnectionSync { try $0.transaction(.immediate, body) }
    }

    /// `read`, for a dedicated thread; the same rules as `writeSync`.
    public func readSync<T: Sendable>(_ body: @Sendable (Connection) throws -> T) throws -> T {
        try nextReaderActor().withConnectionSync { try $0.transaction(.deferred, body) }
    }

    /// `migrate`, for a dedicated thread; the same rules as `writeSync`.
    @discardableResult
    public func migrateSync(_ migrator: Migrator) throws -> [String] {
        try writer.withConnectionSync { try migrator.migrate($0) }
    }

    private func nextReaderActor() -> ConnectionActor {
        guard !readers.isEmpty else { return writer }
        let ticket = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        return readers[Int(UInt(bitPattern: ticket) % UInt(readers.count))]
    }
}

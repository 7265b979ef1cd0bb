import CSQLite

/// One SQLite database connection (`sqlite3*`), owned by this object and closed in
/// `deinit`.
///
/// Opening applies the house settings, in order (style.md §2.3):
/// `READWRITE|CREATE|NOMUTEX`, extended result codes, `journal_mode=WAL` (checked: the
/// result must be `wal`, except for in-memory databases), `synchronous=FULL`,
/// `foreign_keys=ON`, the busy timeout, and double-quoted string literals off; the
/// writer also keeps its journals in memory (`temp_store=MEMORY`,
/// ``Configuration/keepsJournalsInMemory``).
///
/// A connection is *not* `Sendable`: it is opened with `NOMUTEX` and must be used by one
/// thread at a time. `SQLiteDatabase` confines each connection to its own serial queue.
public final class Connection {
    /// How a connection is opened.
    public struct Configuration: Sendable {
        /// How long a statement waits for a lock held by another connection before failing
        /// with `.busy`. Default: 5000 ms.
        public var busyTimeoutMilliseconds: Int32 = 5_000
        /// When `true`, `PRAGMA query_only=ON`: any write fails with `.readOnly`. Reader
        /// connections of `SQLiteDatabase` set it. Default: `false`.
        public var isQueryOnly = false
        /// The most statements `cachedStatement(_:)` keeps; past it the cache is emptied.
        /// Default: 64.
        public var statementCacheLimit = 64
        /// When `true`, `PRAGMA temp_store=MEMORY`: statement and savepoint journals (and
        /// temporary tables) stay in memory instead of spilling to files in `/var/tmp`
        /// once past 64 KiB. The writer of `SQLiteDatabase` sets it: the group-commit
        /// batcher runs each request in its own savepoint, whose journal copies every page
        /// the request touches that an earlier request of the batch had already changed,
        /// so each batch spilled to a fresh temporary file, a `pwrite` per page (most of the
        /// writes a SCIM create made). Its size is bounded by a batch's changed pages.
        /// Default: `false`.
        public var keepsJournalsInMemory = false
        /// The page cache in KiB (`PRAGMA cache_size=-N`), or `nil` for SQLite's default
        /// (2 MB). Default: `nil`.
        public var cacheKibibytes: Int? = nil
        /// How much of the database file SQLite reads through a memory map, in KiB
        /// (`PRAGMA mmap_size`), or `nil` for none (SQLite's default): see
        /// ``SQLiteDatabase/Configuration/mapKibibytes``. Default: `nil`.
        public var mapKibibytes: Int? = nil

        /// The defaults documented on each property.
        public init() {}
    }

    let handle: OpaquePointer
    private var statementCache: [String: Statement] = [:]
    private let configuration: Configuration
    /// What this connection's `sqlite3_wal_hook` reports to (the writer's
    /// ``WALCheckpointer``), kept alive as long as the connection.
    var walObserver: AnyObject?

    /// The path the connection was opened with (`:memory:` for a private in-memory one).
    public let path: String

    /// The pages this connection wrote to the database file or, in WAL mode, to the WAL
    /// (commits and cache spills) since the previous call; the counter restarts at zero.
    /// The group-commit writer adds it to its ``WriteStatistics`` after each transaction.
    func takePagesWritten() -> Int {
        var current: Int32 = 0
        var highest: Int32 = 0
        guard sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_WRITE, &current, &highest, 1) == SQLITE_OK else { return 0 }
        return Int(current)
    }

    /// SQLite's process-wide settings, applied once before the first connection opens
    /// (sqlite3 initializes then, and refuses them afterwards): memory statistics off, so
    /// that no allocation or free inside SQLite takes the global mutex that keeps them
    /// (perf of the SCIM writer, issue 10: about 4% of its time in that mutex); and the page
    /// cache of `Sources/CSQLite/page_cache.h` over SQLite's own, which skips the end of
    /// transaction truncations that have nothing to drop (issue 10: after a B-tree split,
    /// each one walked the writer's whole 32 MiB cache, 4.9% of the server's CPU under
    /// Entra PATCHes). The result code is SQLITE_OK, or the first failure (SQLITE_MISUSE
    /// if something initialized sqlite3 first).
    static let processConfiguration: Int32 = {
        let statistics = percolator_sqlite_disable_memory_statistics()
        let pageCache = percolator_sqlite_install_page_cache()
        return statistics != SQLITE_OK ? statistics : pageCache
    }()

    /// The page cache methods SQLite uses once ``processConfiguration`` installed them, or
    /// `nil` if it could not (tests drive them directly).
    static var pageCacheMethods: UnsafePointer<sqlite3_pcache_methods2>? {
        _ = processConfiguration
        return percolator_page_cache_installed()
    }

    /// Tests: the truncations one cache made by ``pageCacheMethods`` passed on to SQLite's.
    static func pageCacheTruncationsPassed(by cache: OpaquePointer) -> Int {
        Int(percolator_page_cache_passes(cache))
    }

    /// The end-of-transaction page cache truncations skipped (nothing to drop) since the
    /// process started, by every connection.
    static var pageCacheTruncationsSkipped: Int { Int(percolator_page_cache_truncations_skipped()) }

    /// The VFS every connection opens its files with: the system's, but a connection's
    /// frames reach its write-ahead log in one write per commit instead of two `pwrite64`
    /// per frame (`Sources/CSQLite/wal_buffer.h`, which shows why no other connection nor
    /// a crash can tell; issue 10: about 22 calls per SCIM create, 6% of the server's CPU).
    /// `nil` (SQLite's default VFS) if it could not be registered. Registered once, after
    /// ``processConfiguration``.
    static let fileSystem: String? = {
        _ = processConfiguration
        return percolator_sqlite_register_wal_buffer() == SQLITE_OK ? walBufferName : nil
    }()

    /// The name the buffering VFS is registered under (`PERCOLATOR_WAL_VFS_NAME`).
    static let walBufferName = "percolator-wal-buffer"

    /// The writes the buffering VFS passed on to this connection's log so far, or `nil`
    /// when the log is not open or not the buffering VFS's (tests count them).
    var walWrites: Int? {
        var file: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite3_file_control(handle, "main", SQLITE_FCNTL_JOURNAL_POINTER, &file) == SQLITE_OK, let file else {
            return nil
        }
        let writes = percolator_wal_writes(file)
        return writes < 0 ? nil : Int(writes)
    }

    /// Tests only: the next `count` writes of buffered frames to this connection's log fail
    /// with an I/O error, as on a full disk. `false` when the log is not open or not the
    /// buffering VFS's.
    func failWALFlushes(_ count: Int) -> Bool {
        var file: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite3_file_control(handle, "main", SQLITE_FCNTL_JOURNAL_POINTER, &file) == SQLITE_OK, let file else {
            return false
        }
        return percolator_wal_fail_flushes(file, Int32(count)) == 0
    }

    /// Opens (creating if needed) the database at `path` and applies the house settings.
    ///
    /// `":memory:"` opens a private in-memory database; it is not shared with other
    /// connections, so tests of several connections use a temporary file.
    public init(path: String, configuration: Configuration = Configuration()) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, Self.fileSystem)
        guard code == SQLITE_OK, let db else {
            let error = StoreError(code: code, connection: db)
            sqlite3_close_v2(db) // sqlite3 allocates a handle even when opening fails (GRDB).
            throw error
        }
        self.handle = db
        self.path = path
        self.configuration = configuration
        // From here on, a throw deinitializes self, which closes the handle.
        sqlite3_extended_result_codes(db, 1)
        let journalMode = try pragma("journal_mode", set: "WAL")
        let isMemory = path == ":memory:" || path.isEmpty
        guard journalMode?.lowercased() == "wal" || (isMemory && journalMode == "memory") else {
            throw StoreError(code: .error,
                             message: "journal_mode=WAL not applied (got \(journalMode ?? "nothing"))")
        }
        _ = try pragma("synchronous", set: "FULL")
        _ = try pragma("foreign_keys", set: "ON")
        if configuration.isQueryOnly { _ = try pragma("query_only", set: "ON") }
        if configuration.keepsJournalsInMemory { _ = try pragma("temp_store", set: "MEMORY") }
        if let kibibytes = configuration.cacheKibibytes { _ = try pragma("cache_size", set: String(-kibibytes)) }
        if let kibibytes = configuration.mapKibibytes { _ = try pragma("mmap_size", set: String(kibibytes * 1_024)) }
        try check(sqlite3_busy_timeout(db, configuration.busyTimeoutMilliseconds))
        try check(percolator_sqlite_disable_dqs_dml(db))
        try check(percolator_sqlite_disable_dqs_ddl(db))
    }

    deinit {
        statementCache.removeAll() // finalize cached statements before closing
        // close_v2: if a caller still holds a Statement, the handle closes when it finalizes.
        sqlite3_close_v2(handle)
    }

    private func check(_ code: Int32, sql: String? = nil) throws {
        guard code == SQLITE_OK else { throw StoreError(code: code, connection: handle, sql: sql) }
    }

    // MARK: - Running SQL

    /// Runs one or more `;`-separated statements without bindings (DDL, pragmas,
    /// `BEGIN`/`COMMIT`), discarding any rows.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(message)
            throw StoreError(code: ResultCode(rawValue: code), message: text, sql: sql)
        }
    }

    /// Prepares a new statement that the caller owns. For SQL that runs often, prefer
    /// `cachedStatement(_:)`.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(db: handle, sql: sql, persistent: false)
    }

    /// A statement for `sql` from this connection's cache, reset and with cleared
    /// bindings, prepared with `SQLITE_PREPARE_PERSISTENT` the first time.
    ///
    /// If the cached statement is still running (a query inside another query's row
    /// closure, with the same SQL), a fresh uncached statement is returned instead.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            if statement.isBusy { return try prepare(sql) }
            statement.reset()
            return statement
        }
        let statement = try Statement(db: handle, sql: sql, persistent: true)
        if statementCache.count >= configuration.statementCacheLimit {
            statementCache.removeAll(keepingCapacity: true)
        }
        statementCache[sql] = statement
        return statement
    }

    /// Whether the main database was opened read-only (SQLite falls back to it when the
    /// file or its directory is not writable), so every write will fail.
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// Whether `sql` is in the statement cache (tests check which statements are reused).
    func isCached(_ sql: String) -> Bool { statementCache[sql] != nil }

    /// Runs one cached statement with `bindings` and discards its rows.
    public func execute(_ sql: String, _ bindings: any SQLBindable...) throws {
        let statement = try cachedStatement(sql)
        try statement.bind(bindings)
        try statement.execute()
    }

    /// Runs one cached statement with `bindings` and maps every row.
    public func query<T>(_ sql: String, _ bindings: any SQLBindable...,
                         map: (Row) throws -> T) throws -> [T] {
        let statement = try cachedStatement(sql)
        try statement.bind(bindings)
        return try statement.query(map)
    }

    /// Runs one cached statement with `bindings` and maps the first row, if any.
    public func queryOne<T>(_ sql: String, _ bindings: any SQLBindable...,
                            map: (Row) throws -> T) throws -> T? {
        let statement = try cachedStatement(sql)
        try statement.bind(bindings)
        return try statement.queryOne(map)
    }

    /// Reads a pragma, or sets it when `value` is given, returning the first column of
    /// the first result row (e.g. `"wal"` for `journal_mode`). `name` and `value` are
    /// spliced into the SQL: pass only constants, never input.
    @discardableResult
    public func pragma(_ name: String, set value: String? = nil) throws -> String? {
        let sql = value.map { "PRAGMA \(name) = \($0)" } ?? "PRAGMA \(name)"
        let statement = try prepare(sql)
        return try statement.queryOne { $0.optionalString(0) } ?? nil
    }

    /// Runs `body` with a page cache of `kibibytes` (SQLite allocates pages as they are
    /// used), then restores the cache size the connection had: for a transaction that
    /// touches more pages than the default 2 MB cache holds, which would otherwise spill
    /// dirty pages to the WAL mid-transaction and read them back.
    public func withPageCache<T>(kibibytes: Int, _ body: () throws -> T) throws -> T {
        let previous = try pragma("cache_size")
        try pragma("cache_size", set: String(-kibibytes))
        defer { _ = try? pragma("cache_size", set: previous.flatMap { Int($0) }.map(String.init) ?? "-2000") }
        return try body()
    }

    // MARK: - State

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE on this connection.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Whether no transaction is open (`sqlite3_get_autocommit`).
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    // MARK: - Transactions

    /// How a transaction takes its locks (<https://sqlite.org/lang_transaction.html>).
    public enum TransactionKind: String, Sendable {
        /// `BEGIN DEFERRED`: no lock until the first read; for read transactions, whose
        /// snapshot starts at the first read and stays consistent until commit.
        case deferred = "DEFERRED"
        /// `BEGIN IMMEDIATE`: takes the write lock at `BEGIN`, so the busy timeout applies
        /// there instead of failing halfway through the transaction.
        case immediate = "IMMEDIATE"
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it (or the
    /// commit) throws, and rethrows. Transactions do not nest; beginning one inside another
    /// throws `.misuse`.
    public func transaction<T>(_ kind: TransactionKind = .immediate,
                               _ body: (Connection) throws -> T) throws -> T {
        guard isAutocommit else {
            throw StoreError(code: .misuse, message: "transaction already open")
        }
        try execute("BEGIN \(kind.rawValue)")
        do {
            let result = try body(self)
            try execute("COMMIT")
            return result
        } catch {
            if !isAutocommit {
                // A failed ROLLBACK leaves nothing better to do than report the first error.
                try? execute("ROLLBACK")
            }
            throw error
        }
    }
}

@available(*, unavailable)
extension Connection: Sendable {}

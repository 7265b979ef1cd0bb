import CSQLite

/// A prepared SQL statement (`sqlite3_stmt`), owned by this object and finalized in
/// `deinit`.
///
/// Bind parameters by 1-based index; every bind copies its bytes (`SQLITE_TRANSIENT`),
/// passes an explicit byte length, and throws on a non-OK code. Run it with `execute()`,
/// `query(_:)` or `queryOne(_:)`; each of those resets the statement when it finishes, so
/// no read transaction stays open behind the caller's back. Before binding for a new
/// run, `Connection` calls `reset()`, which also clears the bindings.
///
/// Like its `Connection`, a statement is confined to one thread at a time, and must not
/// be used after its connection is closed (the connection uses `sqlite3_close_v2`, so
/// finalizing late is safe).
public final class Statement {
    let handle: OpaquePointer
    let db: OpaquePointer?

    /// The SQL text this statement was prepared from.
    public let sql: String

    init(db: OpaquePointer, sql: String, persistent: Bool) throws {
        var handle: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sqlite3_prepare_v3(db, sql, -1, flags, &handle, nil)
        guard code == SQLITE_OK else {
            sqlite3_finalize(handle)
            throw StoreError(code: code, connection: db, sql: sql)
        }
        guard let handle else {
            // Only whitespace or comments: nothing to run, which is a programming error here.
            throw StoreError(code: .misuse, message: "empty statement", sql: sql)
        }
        self.handle = handle
        self.db = db
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// The number of `?` parameters the statement takes.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Whether the statement has stepped and not yet been reset (`sqlite3_stmt_busy`).
    public var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

    // MARK: - Binding

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw StoreError(code: code, connection: db, sql: sql) }
    }

    /// Binds an INTEGER to parameter `index` (1-based).
    public func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds a REAL to parameter `index` (1-based).
    public func bind(_ value: Double, at index: Int32) throws {
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds TEXT to parameter `index` (1-based), with its UTF-8 byte length, so embedded
    /// NULs survive. The empty string binds as `''`, never as `NULL`.
    public func bind(_ value: String, at index: Int32) throws {
        var value = value
        let code = value.withUTF8 { utf8 -> Int32 in
            guard let base = utf8.baseAddress, utf8.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, percolator_sqlite_transient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { text in
                sqlite3_bind_text64(handle, index, text, sqlite3_uint64(utf8.count),
                                    percolator_sqlite_transient, UInt8(SQLITE_UTF8))
            }
        }
        try check(code)
    }

    /// Binds a BLOB to parameter `index` (1-based). An empty array binds a zero-length
    /// blob, never `NULL`.
    public func bind(blob value: [UInt8], at index: Int32) throws {
        let code = value.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_zeroblob(handle, index, 0)
            }
            return sqlite3_bind_blob64(handle, index, base, sqlite3_uint64(bytes.count),
                                       percolator_sqlite_transient)
        }
        try check(code)
    }

    /// Binds SQL `NULL` to parameter `index` (1-based).
    public func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
    }

    /// Binds `values` to parameters 1…n in order. Throws `.range` when the count differs
    /// from `parameterCount` (a programming error, reported rather than trapped).
    public func bind(_ values: [any SQLBindable]) throws {
        guard values.count == parameterCount else {
            throw StoreError(code: .range,
                             message: "expected \(parameterCount) bindings, got \(values.count)",
                             sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try value.bind(to: self, at: Int32(offset + 1))
        }
    }

    // MARK: - Running

    /// Resets the statement so it can run again, and clears its bindings.
    public func reset() {
        // sqlite3_reset returns the code of the last step, already reported by step().
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Steps once: `true` when a row is ready (read it with `row`), `false` when done.
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw StoreError(code: code, connection: db, sql: sql)
        }
    }

    /// The current row; valid after `step()` returned `true`, until the next step.
    public var row: Row { Row(handle: handle) }

    /// Runs to completion, ignoring any rows, then resets.
    public func execute() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Runs to completion and maps every row, then resets.
    public func query<T>(_ map: (Row) throws -> T) throws -> [T] {
        defer { sqlite3_reset(handle) }
        var results: [T] = []
        while try step() {
            results.append(try map(row))
        }
        return results
    }

    /// Maps rows while `accepts` takes each one, then resets: the first row it refuses
    /// is dropped and the rest are never read.
    public func query<T>(_ map: (Row) throws -> T, while accepts: (T) -> Bool) throws -> [T] {
        defer { sqlite3_reset(handle) }
        var results: [T] = []
        while try step() {
            let result = try map(row)
            guard accepts(result) else { break }
            results.append(result)
        }
        return results
    }

    /// Maps the first row, or returns `nil` when there is none, then resets.
    public func queryOne<T>(_ map: (Row) throws -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        guard try step() else { return nil }
        return try map(row)
    }
}

@available(*, unavailable)
extension Statement: Sendable {}

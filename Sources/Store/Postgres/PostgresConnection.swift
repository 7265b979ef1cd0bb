import CLibPQ
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// One libpq connection (`PGconn`): parameterised statements in the text format, typed
/// rows, transactions and savepoints. Not thread-safe: a ``PostgresConnectionPool`` keeps
/// each connection on a `DispatchQueue` of its own, so its blocking libpq calls never
/// run on the Swift concurrency pool.
///
/// Errors are ``StoreError``s carrying the SQLSTATE and the server's primary message
/// (never its detail, which quotes values) and the SQL text for logs; the edge shows a
/// client neither.
final class PostgresConnection {
    /// The libpq handle.
    private let handle: OpaquePointer
    /// The statements prepared on this connection (`PQprepare`), by SQL text: a statement
    /// run a second time is prepared, so PostgreSQL parses and plans it once per
    /// connection instead of once per call. Cleared when the connection is reset.
    private var prepared = PreparedStatements()

    /// Connects to `url` (`postgres://` or `postgresql://`, or any libpq connection
    /// string) and sets the session up: UTC, ISO dates, UTF-8, `synchronous_commit` on
    /// (an acknowledged commit is durable).
    init(url: String) throws {
        guard let handle = PQconnectdb(url) else {
            throw StoreError(code: .noMemory, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.message(of: handle)
            PQfinish(handle)
            throw StoreError(code: .cantOpen, message: "PostgreSQL connection failed: \(message)")
        }
        // From here on, `deinit` finishes the handle, on success or on a throw.
        self.handle = handle
        // Notices and warnings ("there is no transaction in progress", cascades) are not
        // errors; libpq would print them on stderr.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        try configure()
    }

    deinit {
        PQfinish(handle)
    }

    /// The session settings every connection runs with.
    private func configure() throws {
        try run("""
            SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'; SET client_encoding = 'UTF8';
            SET synchronous_commit = on; SET standard_conforming_strings = on
            """)
    }

    /// Whether the connection is usable; if it is not, tries once to reconnect (a server
    /// restart, a dropped socket) and says whether that worked.
    func ensureOpen() -> Bool {
        guard PQstatus(handle) != CONNECTION_OK else { return true }
        PQreset(handle)
        prepared = PreparedStatements()  // A new server session has none of them.
        guard PQstatus(handle) == CONNECTION_OK else { return false }
        return (try? configure()) != nil
    }

    // MARK: - Statements

    /// Runs `sql`, one or more statements without parameters (migrations, session
    /// settings, transaction control).
    func run(_ sql: String) throws {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
    }

    /// Runs one statement with `parameters` bound to `$1`, `$2`… and returns how many rows
    /// it changed (or returned).
    @discardableResult
    func execute(_ sql: String, _ parameters: (any PostgresParameter)?...) throws -> Int {
        try withResult(sql, parameters) { result in
            Int(String(cString: PQcmdTuples(result))) ?? Int(PQntuples(result))
        }
    }

    /// The rows of one statement, each mapped by `map`.
    func query<T>(_ sql: String, _ parameters: (any PostgresParameter)?...,
                  map: (PostgresRow) throws -> T) throws -> [T] {
        try query(sql, parameters: parameters, map: map)
    }

    /// ``query(_:_:map:)`` with the parameters as an array (conditions built at run time).
    func query<T>(_ sql: String, parameters: [(any PostgresParameter)?],
                  map: (PostgresRow) throws -> T) throws -> [T] {
        try withResult(sql, parameters) { result in
            let count = PQntuples(result)
            var rows: [T] = []
            rows.reserveCapacity(Int(count))
            for index in 0..<count {
                rows.append(try map(PostgresRow(result: result, index: index)))
            }
            return rows
        }
    }

    /// The first row of one statement, mapped by `map`, or `nil` when it returns none.
    func queryOne<T>(_ sql: String, _ parameters: (any PostgresParameter)?...,
                     map: (PostgresRow) throws -> T) throws -> T? {
        try withResult(sql, parameters) { result in
            PQntuples(result) > 0 ? try map(PostgresRow(result: result, index: 0)) : nil
        }
    }

    /// Runs one statement (text format in and out) and hands its result to `body` before
    /// clearing it: through `PQexecPrepared` once it is prepared (``prepare(_:)``), else
    /// through `PQexecParams`.
    private func withResult<T>(_ sql: String, _ parameters: [(any PostgresParameter)?],
                               _ body: (OpaquePointer) throws -> T) throws -> T {
        let values = parameters.map { $0?.postgresText }
        // libpq takes C strings: a NUL would silently cut the value short, and PostgreSQL's
        // text cannot hold one anyway. Refused, never truncated.
        guard !values.contains(where: { $0?.utf8.contains(0) == true }) else {
            throw StoreError(code: .mismatch, message: "a value holds a NUL character, which PostgreSQL cannot store", sql: sql)
        }
        let texts: [UnsafeMutablePointer<CChar>?] = values.map { value in value.map { strdup($0) } ?? nil }
        defer { texts.forEach { free($0) } }
        let name = try prepare(sql)
        let result = texts.map { UnsafePointer($0) }.withUnsafeBufferPointer { values in
            if let name {
                PQexecPrepared(handle, name, Int32(values.count), values.baseAddress, nil, nil, 0)
            } else {
                PQexecParams(handle, sql, Int32(values.count), nil, values.baseAddress, nil, nil, 0)
            }
        }
        defer { PQclear(result) }
        do {
            try check(result, sql: sql)
        } catch let error as StoreError where name != nil && error.sqlState == "0A000" {
            // "cached plan must not change result type": another instance's migration
            // altered a table since this connection prepared the statement. Prepared anew
            // next time; this transaction is aborted and fails as any lost race would.
            prepared.forget(sql)
            throw error
        }
        guard let result else { throw StoreError(code: .noMemory, message: "libpq returned no result", sql: sql) }
        return try body(result)
    }

    /// The name of `sql`'s prepared statement, preparing it when it runs for the second
    /// time; `nil` for a statement seen once so far (one-off SQL, such as a filter built
    /// for one request, is never prepared) or when the connection holds
    /// ``PreparedStatements/capacity`` of them already. A statement PostgreSQL cannot
    /// prepare throws the error it would have thrown when run.
    private func prepare(_ sql: String) throws -> String? {
        switch prepared.lookUp(sql) {
        case .prepared(let name):
            return name
        case .runUnprepared:
            return nil
        case .prepare(let name):
            let result = PQprepare(handle, name, sql, 0, nil)
            defer { PQclear(result) }
            try check(result, sql: sql)
            prepared.add(sql, name: name)
            return name
        }
    }

    /// Throws the error `result` reports, if it reports one.
    private func check(_ result: OpaquePointer?, sql: String) throws {
        guard let result else {
            throw StoreError(code: .ioError, message: "PostgreSQL: \(Self.message(of: handle))", sql: sql)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return
        default:
            let sqlState = PQresultErrorField(result, percolator_pq_diag_sqlstate).map { String(cString: $0) }
            let primary = PQresultErrorField(result, percolator_pq_diag_message_primary).map { String(cString: $0) }
            var error = StoreError(code: PostgresSQLState.resultCode(for: sqlState),
                                   message: "PostgreSQL: \(primary ?? Self.message(of: handle))", sql: sql)
            error.sqlState = sqlState
            throw error
        }
    }

    /// libpq's last message for `handle`, on one line.
    private static func message(of handle: OpaquePointer) -> String {
        let text = PQerrorMessage(handle).map { String(cString: $0) } ?? "unknown error"
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    // MARK: - Transactions

    /// How a transaction isolates itself.
    enum TransactionKind: String {
        /// A read-only snapshot (`REPEATABLE READ, READ ONLY`).
        case read = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
        /// A write that behaves as if it ran alone (`SERIALIZABLE`): what SQLite's one
        /// writer gives. A lost race fails with SQLSTATE 40001; run it again.
        case write = "BEGIN ISOLATION LEVEL SERIALIZABLE"
        /// `READ COMMITTED`: each statement sees what committed before it started. For
        /// writes that lock what they change before reading it (`SELECT … FOR UPDATE`):
        /// SCIM writes, which would otherwise fail on each other's index pages under
        /// `SERIALIZABLE` whenever they run side by side; and migrations, which take an
        /// advisory lock first and must then see what the instance that held it committed.
        case readCommitted = "BEGIN ISOLATION LEVEL READ COMMITTED"
    }

    /// Runs `body` inside a transaction of `kind`: committed when it returns, rolled back
    /// when it throws (or when the commit fails).
    func transaction<T>(_ kind: TransactionKind, _ body: (PostgresConnection) throws -> T) throws -> T {
        do {
            try run(kind.rawValue)
        } catch {
            // A connection the server dropped while it was idle (a restart, a terminated
            // backend) fails on its first command. Nothing has run yet: reconnect, begin again.
            guard PQstatus(handle) != CONNECTION_OK, ensureOpen() else { throw error }
            try run(kind.rawValue)
        }
        let value: T
        do {
            value = try body(self)
            try run("COMMIT")
        } catch {
            try? run("ROLLBACK")
            throw error
        }
        return value
    }

    /// Runs `body` inside a savepoint of the open transaction: what it wrote is undone if
    /// it throws, the rest of the transaction goes on.
    func savepoint<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try run("SAVEPOINT percolator_savepoint")
        do {
            let value = try body(self)
            try run("RELEASE SAVEPOINT percolator_savepoint")
            return value
        } catch {
            try? run("ROLLBACK TO SAVEPOINT percolator_savepoint")
            try? run("RELEASE SAVEPOINT percolator_savepoint")
            throw error
        }
    }
}

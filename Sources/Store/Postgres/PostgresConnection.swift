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
    /// Statements waiting to be sent with the next one whose result is read
    /// (``enqueue(_:_:)``; a transaction's `BEGIN`), in order.
    private var queued: [QueuedStatement] = []
    /// How many round trips to the server this connection has made (each a wait for
    /// its answer): statements run, pipelines sent. For tests and diagnostics.
    private(set) var roundTrips = 0
    /// ``roundTrips`` when the open ``transaction(_:_:)`` began; `nil` outside one.
    private var transactionStart: Int?

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
        try sendQueued()
        roundTrips += 1
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
    /// through `PQexecParams`; in one round trip with the statements queued before it
    /// (``enqueue(_:_:)``, a transaction's `BEGIN`), if any.
    private func withResult<T>(_ sql: String, _ parameters: [(any PostgresParameter)?],
                               _ body: (OpaquePointer) throws -> T) throws -> T {
        let values = try Self.texts(of: parameters, sql: sql)
        guard queued.isEmpty else {
            return try pipelined(QueuedStatement(sql: sql, values: values, preparable: true), body)
        }
        let name = try prepare(sql)
        roundTrips += 1
        let result = Self.withCStrings(values) { values in
            if let name {
                PQexecPrepared(handle, name, Int32(values.count), values.baseAddress, nil, nil, 0)
            } else {
                PQexecParams(handle, sql, Int32(values.count), nil, values.baseAddress, nil, nil, 0)
            }
        }
        defer { PQclear(result) }
        try check(result, sql: sql, preparedAs: name)
        guard let result else { throw StoreError(code: .noMemory, message: "libpq returned no result", sql: sql) }
        return try body(result)
    }

    /// The parameters as PostgreSQL's text format. libpq takes C strings: a NUL would
    /// silently cut the value short, and PostgreSQL's text cannot hold one anyway.
    /// Refused, never truncated.
    private static func texts(of parameters: [(any PostgresParameter)?], sql: String) throws -> [String?] {
        let values = parameters.map { $0?.postgresText }
        guard !values.contains(where: { $0.map(holdsNUL) == true }) else {
            throw StoreError(code: .mismatch, message: "a value holds a NUL character, which PostgreSQL cannot store", sql: sql)
        }
        return values
    }

    /// Whether `text` holds a NUL byte: `memchr` over its UTF-8 bytes (a byte-by-byte
    /// `utf8.contains` over a resource's JSON cost several percent of a write's CPU).
    private static func holdsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return false }
            return memchr(start, 0, bytes.count) != nil
        }
    }

    /// `body` with `values` as the C strings libpq takes.
    private static func withCStrings<R>(_ values: [String?],
                                        _ body: (UnsafeBufferPointer<UnsafePointer<CChar>?>) -> R) -> R {
        let texts: [UnsafeMutablePointer<CChar>?] = values.map { value in value.map { strdup($0) } ?? nil }
        defer { texts.forEach { free($0) } }
        return texts.map { UnsafePointer($0) }.withUnsafeBufferPointer(body)
    }

    // MARK: - Pipelining

    /// A statement to send later, its parameters already in text.
    private struct QueuedStatement {
        let sql: String
        let values: [String?]
        /// False for transaction control (`BEGIN`, `COMMIT`), never prepared.
        let preparable: Bool
        /// Reads the statement's result when it arrives (``queryAtCommit(_:_:map:)``);
        /// `nil` when nobody reads it.
        var reader: ((OpaquePointer) throws -> Void)? = nil
    }

    /// The most statements queued before they are sent anyway: their results, which
    /// PostgreSQL writes while libpq is still sending, stay far below the socket buffers.
    static let queueCapacity = 64

    /// Queues one statement whose result nobody reads (an insert of rows no later
    /// statement of the caller depends on): it is sent with the next statement that waits
    /// for its result, or with the `COMMIT`, in one round trip (libpq's pipeline mode).
    /// Should it fail, that next call throws its error (SQLSTATE and message of the
    /// failed statement, with its SQL) and the transaction rolls back as a whole, as it
    /// would have had the statement run at once. Outside a transaction, runs at once.
    func enqueue(_ sql: String, _ parameters: (any PostgresParameter)?...) throws {
        try enqueue(sql, parameters: parameters)
    }

    /// ``enqueue(_:_:)`` with the parameters as an array.
    func enqueue(_ sql: String, parameters: [(any PostgresParameter)?]) throws {
        guard transactionStart != nil else {
            try withResult(sql, parameters) { _ in }
            return
        }
        queued.append(QueuedStatement(sql: sql, values: try Self.texts(of: parameters, sql: sql), preparable: true))
        if queued.count >= Self.queueCapacity { try sendQueued() }
    }

    /// Queues a read whose rows its caller needs only once the transaction is over (a
    /// write's answer): it goes with the transaction's next round trip — with its `COMMIT`
    /// when nothing follows — instead of making one of its own (issue 11). It runs where it
    /// stands among the transaction's statements, so it sees their writes; a failure rolls
    /// the transaction back as any statement's does. Its rows are in the returned
    /// ``PostgresRowsAtCommit`` once the transaction has returned. Outside a transaction,
    /// runs at once.
    func queryAtCommit<T: Sendable>(_ sql: String, _ parameters: (any PostgresParameter)?...,
                                    map: @escaping (PostgresRow) throws -> T) throws -> PostgresRowsAtCommit<T> {
        let rows = PostgresRowsAtCommit<T>()
        let reader: (OpaquePointer) throws -> Void = { result in
            rows.fill(try (0..<PQntuples(result)).map { try map(PostgresRow(result: result, index: $0)) })
        }
        guard transactionStart != nil else {
            try withResult(sql, parameters, reader)
            return rows
        }
        queued.append(QueuedStatement(sql: sql, values: try Self.texts(of: parameters, sql: sql), preparable: true,
                                      reader: reader))
        if queued.count >= Self.queueCapacity { try sendQueued() }
        return rows
    }

    /// Sends the queued statements, if any, and reads their results.
    private func sendQueued() throws {
        guard let last = queued.popLast() else { return }
        try pipelined(last) { _ in }
    }

    /// Sends the queued statements and `last` in one round trip (pipeline mode: prepared
    /// on the way when they run for the second time, as ``prepare(_:)`` does), reads
    /// every result in order, and hands `last`'s to `body`. Throws the first error: after
    /// it, PostgreSQL skips the rest up to the pipeline's end, and the open transaction is
    /// aborted.
    private func pipelined<T>(_ last: QueuedStatement, _ body: (OpaquePointer) throws -> T) throws -> T {
        var statements = queued
        statements.append(last)
        queued.removeAll(keepingCapacity: true)
        roundTrips += 1
        guard PQenterPipelineMode(handle) == 1 else {
            throw StoreError(code: .ioError, message: "PostgreSQL: \(Self.message(of: handle))", sql: last.sql)
        }
        // What each awaited result answers: a statement (its SQL, and its prepared name
        // if any) or the preparation of one.
        var awaited: [(sql: String, preparedAs: String?, isPreparation: Bool, reader: ((OpaquePointer) throws -> Void)?)] = []
        var failure: (any Error)?
        for statement in statements {
            var name: String?
            if statement.preparable {
                switch prepared.lookUp(statement.sql) {
                case .prepared(let existing):
                    name = existing
                case .runUnprepared:
                    break
                case .prepare(let new):
                    guard PQsendPrepare(handle, new, statement.sql, 0, nil) == 1 else { break }
                    // Recorded now, so a repeat later in this pipeline uses it; forgotten
                    // below if the preparation fails.
                    prepared.add(statement.sql, name: new)
                    awaited.append((statement.sql, new, true, nil))
                    name = new
                }
            }
            let sent = Self.withCStrings(statement.values) { values in
                if let name {
                    PQsendQueryPrepared(handle, name, Int32(values.count), values.baseAddress, nil, nil, 0)
                } else {
                    PQsendQueryParams(handle, statement.sql, Int32(values.count), nil, values.baseAddress, nil, nil, 0)
                }
            }
            guard sent == 1 else {
                failure = StoreError(code: .ioError, message: "PostgreSQL: \(Self.message(of: handle))", sql: statement.sql)
                break
            }
            awaited.append((statement.sql, name, false, statement.reader))
        }
        guard PQpipelineSync(handle) == 1 else {
            abandonPipeline()
            throw failure ?? StoreError(code: .ioError, message: "PostgreSQL: \(Self.message(of: handle))", sql: last.sql)
        }
        var value: T?
        for (index, entry) in awaited.enumerated() {
            guard let result = PQgetResult(handle) else {
                let lost = StoreError(code: .ioError, message: "PostgreSQL: \(Self.message(of: handle))", sql: entry.sql)
                abandonPipeline()
                throw failure ?? lost
            }
            if PQresultStatus(result) != PGRES_PIPELINE_ABORTED, failure == nil {
                do {
                    try check(result, sql: entry.sql, preparedAs: entry.isPreparation ? nil : entry.preparedAs)
                    try entry.reader?(result)
                    if index == awaited.count - 1, !entry.isPreparation { value = try body(result) }
                } catch {
                    failure = error
                }
            }
            if entry.isPreparation, PQresultStatus(result) != PGRES_COMMAND_OK { prepared.forget(entry.sql) }
            PQclear(result)
            // Each statement's results end with a null one.
            while let extra = PQgetResult(handle) { PQclear(extra) }
        }
        // The end of the pipeline (PGRES_PIPELINE_SYNC), then back to ordinary calls.
        if let sync = PQgetResult(handle) { PQclear(sync) }
        if PQexitPipelineMode(handle) != 1 { abandonPipeline() }
        if let failure { throw failure }
        guard let value else {
            throw StoreError(code: .noMemory, message: "libpq returned no result", sql: last.sql)
        }
        return value
    }

    /// Gives up on a pipeline whose results cannot be read in order (a connection lost
    /// half-way): the connection is dropped, and ``ensureOpen()`` opens a new session
    /// before its next use. Its open transaction, if any, dies with it uncommitted.
    private func abandonPipeline() {
        queued.removeAll()
        sessionResets += 1
        PQreset(handle)
        prepared = PreparedStatements()
        if PQstatus(handle) == CONNECTION_OK { _ = try? configure() }
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
            roundTrips += 1
            let result = PQprepare(handle, name, sql, 0, nil)
            defer { PQclear(result) }
            try check(result, sql: sql)
            prepared.add(sql, name: name)
            return name
        }
    }

    /// Throws the error `result` reports, if it reports one. A statement run prepared (as
    /// `preparedAs`) that fails with "cached plan must not change result type" (SQLSTATE
    /// 0A000: another instance's migration altered a table since this connection prepared
    /// it) is prepared anew next time; this transaction is aborted and fails as any lost
    /// race would.
    private func check(_ result: OpaquePointer?, sql: String, preparedAs name: String?) throws {
        do {
            try check(result, sql: sql)
        } catch let error as StoreError where name != nil && error.sqlState == "0A000" {
            prepared.forget(sql)
            throw error
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
    /// when it throws (or when the commit fails). The `BEGIN` goes with the first
    /// statement `body` runs, and statements queued last (``enqueue(_:_:)``) with the
    /// `COMMIT`: a transaction of N statements makes N + 1 round trips, or fewer.
    func transaction<T>(_ kind: TransactionKind, _ body: (PostgresConnection) throws -> T) throws -> T {
        do {
            return try transactionOnce(kind, body)
        } catch let error where lostSessionOnFirstRoundTrip {
            // A connection the server dropped while it was idle (a restart, a terminated
            // backend) fails on its first round trip, the one that began the transaction:
            // nothing of it ran. Reconnect, run it again.
            guard ensureOpen() else { throw error }
            return try transactionOnce(kind, body)
        }
    }

    /// Whether the last failed ``transactionOnce(_:_:)`` failed on its first round trip
    /// because the server session was gone (the connection broken, or dropped by
    /// ``abandonPipeline()``).
    private var lostSessionOnFirstRoundTrip = false
    /// How many times ``abandonPipeline()`` dropped the session.
    private var sessionResets = 0

    /// One attempt of ``transaction(_:_:)``.
    private func transactionOnce<T>(_ kind: TransactionKind, _ body: (PostgresConnection) throws -> T) throws -> T {
        queued = [QueuedStatement(sql: kind.rawValue, values: [], preparable: false)]
        let start = roundTrips
        let resets = sessionResets
        transactionStart = start
        defer {
            transactionStart = nil
            queued.removeAll()
        }
        do {
            let value = try body(self)
            if roundTrips == start, queued.count == 1 {
                queued.removeAll()  // Nothing ran nor waits (only the BEGIN): nothing to commit.
            } else if queued.isEmpty {
                try run("COMMIT")
            } else {
                try pipelined(QueuedStatement(sql: "COMMIT", values: [], preparable: false)) { _ in }
            }
            return value
        } catch {
            let roundTripsMade = roundTrips - start
            lostSessionOnFirstRoundTrip = roundTripsMade == 1
                && (PQstatus(handle) != CONNECTION_OK || sessionResets != resets)
            queued.removeAll()
            if roundTripsMade > 0 { try? run("ROLLBACK") }
            throw error
        }
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
            // Statements `body` queued and never sent are dropped with the rest of its work
            // (the SAVEPOINT above sent everything queued before it).
            queued.removeAll()
            try? run("ROLLBACK TO SAVEPOINT percolator_savepoint")
            try? run("RELEASE SAVEPOINT percolator_savepoint")
            throw error
        }
    }
}

import CSQLite

/// An error from the SQLite layer: the result code, SQLite's message and the SQL text.
///
/// It **never** carries bound values (GRDB's privacy default): those are attribute values
/// and token hashes, and this error ends up in logs. Percolator maps it once, at the edge:
/// `.constraintUnique` → `SCIMError.uniqueness` (409), `.busy` → 503 with `Retry-After`,
/// anything else → 500 with a fixed detail.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The (extended) result code. Match it with `~=`, e.g. `case .constraintUnique:`.
    public var code: ResultCode
    /// SQLite's message (`sqlite3_errmsg`) or our own explanation.
    public var message: String
    /// The SQL being prepared or run, if any. Never the values bound to it.
    public var sql: String?
    /// The PostgreSQL SQLSTATE (`23505`, `40001`…) when the PostgreSQL backend raised it;
    /// `code` is then the nearest SQLite code, so the edge maps both backends alike.
    public var sqlState: String?

    /// Creates an error; prefer the code and message SQLite reported.
    public init(code: ResultCode, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// Builds an error from the connection's last error message.
    init(code: Int32, connection db: OpaquePointer?, sql: String? = nil) {
        let message = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        self.init(code: ResultCode(rawValue: code), message: message ?? "unknown error", sql: sql)
    }

    /// A one-line rendering for logs: code, message and SQL (no bound values).
    public var description: String {
        var text = "StoreError(\(code)): \(message)"
        if let sqlState { text += " [SQLSTATE \(sqlState)]" }
        if let sql { text += " — SQL: \(sql)" }
        return text
    }
}

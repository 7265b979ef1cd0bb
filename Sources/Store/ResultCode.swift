import CSQLite

/// An SQLite result code, primary (`SQLITE_CONSTRAINT`) or extended
/// (`SQLITE_CONSTRAINT_UNIQUE`); see <https://sqlite.org/rescode.html>.
///
/// Connections turn extended result codes on, so errors carry the extended code. Match
/// them with `~=`: a *primary* pattern matches every extended code of its family, an
/// *extended* pattern matches only itself.
///
/// ```swift
/// switch error.code {
/// case .constraintUnique: …   // only SQLITE_CONSTRAINT_UNIQUE
/// case .constraint: …         // any other constraint violation
/// case .busy: …               // SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, …
/// default: …
/// }
/// ```
///
/// `==` compares exact codes. `~=` also matches a code against any `Error`, so a
/// `catch ResultCode.constraintUnique { … }` clause catches a `StoreError` with that code.
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The integer code, as returned by `sqlite3_*` functions.
    public let rawValue: Int32

    /// Wraps a code returned by an `sqlite3_*` function.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The primary code: the low eight bits of an extended code.
    public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

    /// Whether this is a primary code (no extended bits set).
    public var isPrimary: Bool { rawValue & ~0xFF == 0 }

    /// SQLite's English description of the code (`sqlite3_errstr`).
    public var description: String {
        guard let text = sqlite3_errstr(rawValue) else { return "SQLite code \(rawValue)" }
        return "\(String(cString: text)) (\(rawValue))"
    }

    /// Matches a primary pattern against a code's family, an extended one exactly.
    public static func ~= (pattern: ResultCode, code: ResultCode) -> Bool {
        pattern.isPrimary ? pattern.rawValue == code.primary.rawValue : pattern == code
    }

    /// Matches a `StoreError` carrying a code that `pattern` matches; any other error
    /// does not match. Lets callers write `catch ResultCode.constraintUnique { … }`.
    public static func ~= (pattern: ResultCode, error: any Error) -> Bool {
        guard let error = error as? StoreError else { return false }
        return pattern ~= error.code
    }

    private static func extended(_ primary: ResultCode, _ n: Int32) -> ResultCode {
        ResultCode(rawValue: primary.rawValue | (n << 8))
    }

    // MARK: - Primary codes

    /// `SQLITE_OK`: success.
    public static let ok = ResultCode(rawValue: SQLITE_OK)
    /// `SQLITE_ERROR`: a generic error (SQL error, missing database, …).
    public static let error = ResultCode(rawValue: SQLITE_ERROR)
    /// `SQLITE_INTERNAL`.
    public static let `internal` = ResultCode(rawValue: SQLITE_INTERNAL)
    /// `SQLITE_PERM`: the requested access mode cannot be provided.
    public static let perm = ResultCode(rawValue: SQLITE_PERM)
    /// `SQLITE_ABORT`: an operation was aborted, e.g. by a rollback.
    public static let abort = ResultCode(rawValue: SQLITE_ABORT)
    /// `SQLITE_BUSY`: the database file is locked by another connection, and the busy
    /// timeout expired.
    public static let busy = ResultCode(rawValue: SQLITE_BUSY)
    /// `SQLITE_LOCKED`: a conflict within the same connection (shared cache).
    public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    /// `SQLITE_NOMEM`: out of memory.
    public static let noMemory = ResultCode(rawValue: SQLITE_NOMEM)
    /// `SQLITE_READONLY`: attempt to write through a read-only connection.
    public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    /// `SQLITE_INTERRUPT`: interrupted by `sqlite3_interrupt`.
    public static let interrupt = ResultCode(rawValue: SQLITE_INTERRUPT)
    /// `SQLITE_IOERR`: an operating-system I/O error.
    public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
    /// `SQLITE_CORRUPT`: the database file is malformed.
    public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    /// `SQLITE_FULL`: the disk is full.
    public static let full = ResultCode(rawValue: SQLITE_FULL)
    /// `SQLITE_CANTOPEN`: the file could not be opened.
    public static let cantOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    /// `SQLITE_SCHEMA`: the schema changed under a prepared statement.
    public static let schema = ResultCode(rawValue: SQLITE_SCHEMA)
    /// `SQLITE_TOOBIG`: a string or blob exceeds the length limit.
    public static let tooBig = ResultCode(rawValue: SQLITE_TOOBIG)
    /// `SQLITE_CONSTRAINT`: a constraint was violated.
    public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    /// `SQLITE_MISMATCH`: a datatype mismatch (e.g. in a STRICT table).
    public static let mismatch = ResultCode(rawValue: SQLITE_MISMATCH)
    /// `SQLITE_MISUSE`: the library was used incorrectly (a programming error).
    public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
    /// `SQLITE_RANGE`: a bind index out of range.
    public static let range = ResultCode(rawValue: SQLITE_RANGE)
    /// `SQLITE_NOTADB`: the file is not a database.
    public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)
    /// `SQLITE_ROW`: `sqlite3_step` has a row ready.
    public static let row = ResultCode(rawValue: SQLITE_ROW)
    /// `SQLITE_DONE`: `sqlite3_step` has finished.
    public static let done = ResultCode(rawValue: SQLITE_DONE)

    // MARK: - Extended codes

    /// `SQLITE_BUSY_SNAPSHOT`: a read transaction cannot be upgraded to a write one
    /// because its snapshot is stale (WAL).
    public static let busySnapshot = extended(.busy, 2)
    /// `SQLITE_BUSY_TIMEOUT`: a blocking lock timed out.
    public static let busyTimeout = extended(.busy, 3)
    /// `SQLITE_CONSTRAINT_CHECK`: a `CHECK` constraint failed.
    public static let constraintCheck = extended(.constraint, 1)
    /// `SQLITE_CONSTRAINT_FOREIGNKEY`: a foreign key constraint failed.
    public static let constraintForeignKey = extended(.constraint, 3)
    /// `SQLITE_CONSTRAINT_NOTNULL`: a `NOT NULL` constraint failed.
    public static let constraintNotNull = extended(.constraint, 5)
    /// `SQLITE_CONSTRAINT_PRIMARYKEY`: a `PRIMARY KEY` was not unique.
    public static let constraintPrimaryKey = extended(.constraint, 6)
    /// `SQLITE_CONSTRAINT_UNIQUE`: a `UNIQUE` constraint failed. The Percolator edge maps
    /// it to `SCIMError.uniqueness` (409).
    public static let constraintUnique = extended(.constraint, 8)
    /// `SQLITE_CONSTRAINT_DATATYPE`: a value did not fit the column type of a STRICT table.
    public static let constraintDataType = extended(.constraint, 12)
    /// `SQLITE_READONLY_DBMOVED`: the database file was moved or deleted while open.
    public static let readOnlyDatabaseMoved = extended(.readOnly, 4)
}

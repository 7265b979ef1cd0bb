/// How a PostgreSQL SQLSTATE maps onto the Store's one error family (``StoreError``):
/// the nearest SQLite ``ResultCode``, so that Percolator's edge maps errors of both
/// backends alike (`.constraintUnique` → 409, `.busy` → 503 with `Retry-After`, anything
/// else → 500 with a fixed detail); the SQLSTATE itself stays in ``StoreError/sqlState``.
enum PostgresSQLState {
    /// `unique_violation`.
    static let uniqueViolation = "23505"
    /// `serialization_failure`: a serialisable transaction lost a race; run it again.
    static let serializationFailure = "40001"
    /// `deadlock_detected`: run the transaction again.
    static let deadlockDetected = "40P01"

    /// Whether a transaction that failed with `sqlState` may succeed if run again as is.
    static func isRetryable(_ sqlState: String?) -> Bool {
        sqlState == serializationFailure || sqlState == deadlockDetected
    }

    /// The result code for `sqlState` (`nil`: the connection failed before the server said).
    static func resultCode(for sqlState: String?) -> ResultCode {
        guard let sqlState else { return .ioError }
        switch sqlState {
        case uniqueViolation: return .constraintUnique
        case "23503": return .constraintForeignKey
        case "23514": return .constraintCheck
        case "23502": return .constraintNotNull
        case serializationFailure, deadlockDetected, "55P03", "57P03": return .busy
        case "53100": return .full
        case "57014": return .interrupt
        case "25006": return .readOnly
        default: break
        }
        switch sqlState.prefix(2) {
        case "23": return .constraint
        case "22": return .mismatch
        case "08", "57", "58": return .ioError
        case "53": return .noMemory
        case "42": return .error
        default: return .error
        }
    }
}

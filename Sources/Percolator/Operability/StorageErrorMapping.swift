import SCIM
import Store

/// Maps a failure of the storage itself to what a client can act on, for every
/// endpoint: the database busy past its timeout, or a ``StorageCondition`` (disk full;
/// database read-only, missing or failing I/O). Logged for the operator with the error;
/// the client reads a fixed sentence, never SQL, a path or SQLite's message.
enum StorageErrorMapping {
    /// The client's error for a storage failure, or `nil` when `error` is none.
    static func scimError(for error: any Error, context: String) -> SCIMError? {
        if let error = error as? StoreError, ResultCode.busy ~= error.code {
            return SCIMError(status: 503, detail: "The service is busy; retry shortly.")
        }
        guard let condition = StorageCondition(error) else { return nil }
        ErrorLog.unexpected(error, context: "\(context): \(condition)")
        switch condition {
        case .full:
            return SCIMError(status: 507, detail: "The server's storage is full, so nothing was changed. "
                + "Retry once its operator has freed disk space.")
        case .unavailable:
            return SCIMError(status: 503, detail: "The server's storage cannot be written just now, so nothing was changed. "
                + "Retry later; its operator has been alerted by the readiness check.")
        }
    }
}

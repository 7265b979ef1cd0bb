import Synchronization

/// A failure of the storage itself, not of a request: what an operator must fix (or wait
/// out) before writes can succeed again. Percolator answers `507` for ``full`` and `503`
/// with `Retry-After` for ``unavailable``, and `/readyz` reports either.
public enum StorageCondition: Sendable, Equatable, CustomStringConvertible {
    /// `SQLITE_FULL`: the disk (or the file system's quota) is full.
    case full
    /// `SQLITE_READONLY`, `SQLITE_CANTOPEN`, `SQLITE_IOERR`, `SQLITE_PERM`: the database
    /// cannot be written or read just now (a read-only mount or file, a missing directory,
    /// an I/O error).
    case unavailable

    /// The condition an error reports, or `nil` when it is not a storage condition.
    public init?(_ error: any Error) {
        guard let error = error as? StoreError else { return nil }
        switch error.code {
        case .full: self = .full
        case .readOnly, .cantOpen, .ioError, .perm: self = .unavailable
        default: return nil
        }
    }

    /// What an operator reads in `/readyz`.
    public var description: String {
        switch self {
        case .full: return "storage full"
        case .unavailable: return "storage not writable"
        }
    }
}

/// The outcome of the latest writes: the storage condition the last failing write met,
/// cleared by the next write that commits — except ``StorageCondition/full``, which only
/// the readiness probe's 64 KiB write clears (``recordRoomAgain()``): a small write that
/// fits in a free page (the provisioning log's row of the refused request) proves no
/// room. ``SQLiteDatabase`` keeps one.
public final class WriteHealth: Sendable {
    private let failure = Mutex<StorageCondition?>(nil)

    /// The condition the latest write failed with, when no write has committed since.
    public var condition: StorageCondition? { failure.withLock { $0 } }

    /// Notes that a write failed with `error` (ignored unless it is a storage condition).
    func record(_ error: any Error) {
        guard let condition = StorageCondition(error) else { return }
        failure.withLock { $0 = condition }
    }

    /// Notes that a write committed: the storage is writable again, though not
    /// necessarily roomy (a full disk stays reported).
    func recordSuccess() {
        failure.withLock { if $0 != .full { $0 = nil } }
    }

    /// Notes that the readiness probe's write committed: there is room again.
    func recordRoomAgain() {
        failure.withLock { $0 = nil }
    }
}

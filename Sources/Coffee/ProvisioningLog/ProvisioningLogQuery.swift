import Foundation

/// Which entries of one tenant's provisioning log to read, newest first.
public struct ProvisioningLogQuery: Sendable, Equatable {
    /// Which outcomes to keep.
    public enum Outcome: Sendable, Equatable {
        /// Statuses below 400.
        case success
        /// Statuses 400 and above.
        case failure
        /// Exactly this status.
        case status(Int)
    }

    /// The tenant whose log is read; nothing else is ever read.
    public var tenantID: TenantID
    /// Entries at or after this instant.
    public var since: Date?
    /// Entries before this instant.
    public var until: Date?
    /// Entries about this resource: its id, or its `userName`/`displayName` (case-insensitive).
    public var user: String?
    /// Entries with this outcome.
    public var outcome: Outcome?
    /// Entries of this operation (``ProvisioningOperation`` raw value).
    public var operation: String?
    /// Entries strictly after this position (older), for the next page.
    public var after: ProvisioningLogPosition?
    /// The most entries returned.
    public var limit: Int

    /// A query of `tenantID`'s log, `limit` entries at most, with no filter.
    public init(tenantID: TenantID, since: Date? = nil, until: Date? = nil, user: String? = nil, outcome: Outcome? = nil,
                operation: String? = nil, after: ProvisioningLogPosition? = nil, limit: Int = 100) {
        self.tenantID = tenantID
        self.since = since
        self.until = until
        self.user = user
        self.outcome = outcome
        self.operation = operation
        self.after = after
        self.limit = limit
    }
}

import FoundationEssentials

/// One row of the outbox, as the deliverer and the admin API read it.
public struct OutboxEntry: Sendable, Equatable {
    /// Where the entry stands.
    public enum Status: String, Sendable, Equatable {
        /// An email waiting for its first or next attempt.
        case pending
        /// Sent (the relay accepted it).
        case delivered
        /// Given up on after a permanent failure or too many attempts.
        case failed
        /// A record for readers of the outbox; nothing to deliver.
        case recorded
    }

    /// The row's position: outbox order is commit order.
    public var seq: Int64
    /// The tenant.
    public var tenantID: TenantID
    /// Unique per tenant: the same event is never appended twice.
    public var idempotencyKey: String
    /// The event kind (`WelcomeEmailRequested`…).
    public var kind: String
    /// The member, group or session id the event is about.
    public var subject: String
    /// `email` for entries a deliverer sends, `none` for records.
    public var channel: String
    /// The event's fields.
    public var payload: OutboxPayload
    /// When the change happened.
    public var occurredAt: Date
    /// Delivery attempts so far.
    public var attempts: Int
    /// When the deliverer may try next.
    public var nextAttemptAt: Date
    /// When the relay accepted it.
    public var deliveredAt: Date?
    /// When the deliverer gave up.
    public var failedAt: Date?
    /// The last failure, in words fit for an admin; on a delivered entry, the recipients
    /// it could not reach and why, if any.
    public var lastError: String?
    /// The deliverer that claimed the entry last (see ``OutboxRecords/claimDue(by:at:leaseUntil:limit:in:)``).
    public var claimedBy: String?
    /// Until when that claim holds; `nil` once the attempt is recorded.
    public var leaseUntil: Date?

    /// Creates an entry (the store builds them from its rows).
    public init(seq: Int64, tenantID: TenantID, idempotencyKey: String, kind: String, subject: String, channel: String,
                payload: OutboxPayload, occurredAt: Date, attempts: Int, nextAttemptAt: Date, deliveredAt: Date? = nil,
                failedAt: Date? = nil, lastError: String? = nil, claimedBy: String? = nil, leaseUntil: Date? = nil) {
        self.seq = seq
        self.tenantID = tenantID
        self.idempotencyKey = idempotencyKey
        self.kind = kind
        self.subject = subject
        self.channel = channel
        self.payload = payload
        self.occurredAt = occurredAt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
        self.failedAt = failedAt
        self.lastError = lastError
        self.claimedBy = claimedBy
        self.leaseUntil = leaseUntil
    }

    /// The entry's status, from its columns.
    public var status: Status {
        if deliveredAt != nil { return .delivered }
        if failedAt != nil { return .failed }
        return channel == "email" ? .pending : .recorded
    }
}

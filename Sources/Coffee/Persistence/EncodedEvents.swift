import FoundationEssentials

/// Outbox events in the form their store keeps them — idempotency key, kind, channel and
/// payload text computed — encoded by ``Persistence/encode(_:)-(DomainEvent)`` before a
/// write transaction opens, so that staging a session's 50,000 introductions holds the
/// writer only for the inserts (issue 16: building each row's key and payload text was
/// more than half of the outbox's staging time).
public struct EncodedEvents: Sendable {
    /// One event's columns.
    public struct Row: Sendable, Equatable {
        public let tenantID: TenantID
        public let idempotencyKey: String
        public let kind: String
        public let subject: String
        /// Opaque outside the store that made it (the delivery channel).
        public let channel: String
        /// Opaque outside the store that made it (the stored payload).
        public let payload: String
        public let occurredAt: Date
        public let dueAt: Date

        /// Made by a store's ``Persistence/encode(_:)-(DomainEvent)``.
        public init(tenantID: TenantID, idempotencyKey: String, kind: String, subject: String, channel: String, payload: String,
                    occurredAt: Date, dueAt: Date) {
            self.tenantID = tenantID
            self.idempotencyKey = idempotencyKey
            self.kind = kind
            self.subject = subject
            self.channel = channel
            self.payload = payload
            self.occurredAt = occurredAt
            self.dueAt = dueAt
        }
    }

    /// The events, in order.
    public let rows: [Row]

    /// Made by a store's ``Persistence/encode(_:)-(DomainEvent)``.
    public init(rows: [Row]) {
        self.rows = rows
    }
}

import Coffee

extension EncodedEvents {
    /// `events` as both stores' `outbox` rows hold them (``Persistence/encode(_:)-(DomainEvent)``).
    static func outbox(_ events: some Sequence<DomainEvent>) -> EncodedEvents {
        EncodedEvents(rows: events.map { event in
            let header = event.header
            return Row(tenantID: header.tenantID, idempotencyKey: event.idempotencyKey.rawValue, kind: event.kind.rawValue,
                       subject: header.subject,
                       channel: SQLiteOutboxRepository.emailKinds.contains(event.kind) ? "email" : "none",
                       payload: OutboxPayload(event).jsonText, occurredAt: header.occurredAt, dueAt: event.dueAt)
        })
    }
}

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

    /// The rows, each checked to belong to `tenant`: what an outbox appends behind one of
    /// the tenant's gates. Throws when a row belongs to another tenant.
    func rows(behindGateOf tenant: TenantID) throws -> [Row] {
        guard rows.allSatisfy({ $0.tenantID == tenant }) else {
            throw StoreError(code: .misuse, message: "an event behind a gate belongs to another tenant")
        }
        return rows
    }
}

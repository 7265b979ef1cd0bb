import Coffee
import FoundationEssentials

/// The outbox on PostgreSQL (as ``SQLiteOutboxRepository``). Deliverers claim due
/// emails with `SELECT … FOR UPDATE SKIP LOCKED` under a lease: two deliverers (two
/// instances) never hold the same entry while its lease runs, and neither waits for the
/// other's rows.
struct PostgresOutboxRepository: OutboxRepository {
    /// The transaction's connection.
    let db: PostgresConnection

    func append(_ events: [DomainEvent]) throws -> Int {
        try append(EncodedEvents.outbox(events).rows, gate: nil)
    }

    func append(_ events: [DomainEvent], behind gate: String, tenant: TenantID) throws -> Int {
        try append(EncodedEvents.outbox(events), behind: gate, tenant: tenant)
    }

    func append(_ events: EncodedEvents, behind gate: String, tenant: TenantID) throws -> Int {
        try append(events.rows(behindGateOf: tenant), gate: gate)
    }

    /// Appends each row unless its key is already in the tenant's outbox (an earlier row
    /// included), in order: one row with ``insert``, several with one statement over
    /// arrays (issue 16: a match's introductions took one round trip each).
    private func append(_ rows: [EncodedEvents.Row], gate: String?) throws -> Int {
        guard rows.count > 1 else {
            guard let row = rows.first else { return 0 }
            return try db.execute(Self.insert, row.tenantID, row.idempotencyKey, row.kind, row.subject, row.channel,
                                  row.payload, row.occurredAt, gate, row.dueAt)
        }
        func column(_ text: (EncodedEvents.Row) -> String) -> PostgresTextArray { PostgresTextArray(rows.map(text)) }
        return try db.execute("""
            INSERT INTO outbox (tenant_id, idempotency_key, kind, subject, channel, payload, occurred_at, next_attempt_at, gate)
            SELECT e.tenant, e.key, e.kind, e.subject, e.channel, e.payload::jsonb, e.occurred::timestamptz, e.due::timestamptz, $9
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                WITH ORDINALITY AS e(tenant, key, kind, subject, channel, payload, occurred, due, position)
            ORDER BY e.position
            ON CONFLICT (tenant_id, subject, idempotency_key) DO NOTHING
            """, column(\.tenantID.rawValue), column(\.idempotencyKey), column(\.kind), column(\.subject), column(\.channel),
            column(\.payload), column { $0.occurredAt.postgresText }, column { $0.dueAt.postgresText }, gate)
    }

    /// One statement for all the events, in order, sent with the transaction's next
    /// statement or its commit (``PostgresConnection/enqueue(_:_:)``).
    func appendUncounted(_ events: [DomainEvent]) throws {
        try appendUncounted(EncodedEvents.outbox(events))
    }

    /// One statement for all the rows, in order, sent with the transaction's next
    /// statement or its commit (``PostgresConnection/enqueue(_:_:)``).
    func appendUncounted(_ events: EncodedEvents) throws {
        let rows = events.rows
        guard let tenant = rows.first?.tenantID else { return }
        guard rows.allSatisfy({ $0.tenantID == tenant }) else {
            for row in rows { try appendUncounted(EncodedEvents(rows: [row])) }  // Never in practice: one tenant's write.
            return
        }
        func column(_ text: (EncodedEvents.Row) -> String) -> PostgresTextArray { PostgresTextArray(rows.map(text)) }
        try db.enqueue("""
            INSERT INTO outbox (tenant_id, idempotency_key, kind, subject, channel, payload, occurred_at, next_attempt_at)
            SELECT $1::text, e.key, e.kind, e.subject, e.channel, e.payload::jsonb, e.occurred::timestamptz, e.due::timestamptz
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                WITH ORDINALITY AS e(key, kind, subject, channel, payload, occurred, due, position)
            ORDER BY e.position
            ON CONFLICT (tenant_id, subject, idempotency_key) DO NOTHING
            """, tenant, column(\.idempotencyKey), column(\.kind), column(\.subject), column(\.channel),
            column(\.payload), column { $0.occurredAt.postgresText }, column { $0.dueAt.postgresText })
    }

    /// The statement that appends one event: `$8` its gate, `$9` when it is due.
    private static let insert = """
        INSERT INTO outbox (tenant_id, idempotency_key, kind, subject, channel, payload, occurred_at, next_attempt_at, gate)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $9, $8) ON CONFLICT (tenant_id, subject, idempotency_key) DO NOTHING
        """

    func closeGate(_ gate: String, tenant: TenantID) throws {
        try db.execute("INSERT INTO outbox_gates (tenant_id, id) VALUES ($1, $2) ON CONFLICT DO NOTHING", tenant, gate)
    }

    func openGate(_ gate: String, tenant: TenantID, at date: Date) throws {
        try db.execute("UPDATE outbox_gates SET opened_at = $1 WHERE tenant_id = $2 AND id = $3 AND opened_at IS NULL",
                       date, tenant, gate)
    }

    func discardGate(_ gate: String, tenant: TenantID) throws {
        let open = try db.queryOne("SELECT opened_at IS NOT NULL FROM outbox_gates WHERE tenant_id = $1 AND id = $2",
                                   tenant, gate) { $0.string(0) == "t" } ?? false
        guard !open else { return }
        try db.execute("DELETE FROM outbox WHERE tenant_id = $1 AND gate = $2", tenant, gate)
        try db.execute("DELETE FROM outbox_gates WHERE tenant_id = $1 AND id = $2", tenant, gate)
    }

    /// The condition of an entry not held behind a closed gate.
    private static let released = """
        (gate IS NULL OR EXISTS (SELECT 1 FROM outbox_gates g
                                 WHERE g.tenant_id = outbox.tenant_id AND g.id = outbox.gate AND g.opened_at IS NOT NULL))
        """

    /// Pending email entries due at `$1`, not under a live lease nor behind a closed gate.
    private static let claimable = """
        channel = 'email' AND delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
        AND (lease_until IS NULL OR lease_until <= $1) AND \(released)
        """

    /// The columns ``SQLiteOutboxRepository/entry(_:)`` maps.
    private static let columns = SQLiteOutboxRepository.columns

    func due(at now: Date, limit: Int) throws -> [OutboxEntry] {
        try db.query("SELECT \(Self.columns) FROM outbox WHERE \(Self.claimable) ORDER BY next_attempt_at, seq LIMIT $2",
                     now, limit, map: SQLiteOutboxRepository.entry)
    }

    func claimDue(by deliverer: String, at now: Date, leaseUntil: Date, limit: Int) throws -> [OutboxEntry] {
        try db.query("""
            UPDATE outbox SET claimed_by = $3, lease_until = $4
            WHERE seq IN (SELECT seq FROM outbox WHERE \(Self.claimable) ORDER BY next_attempt_at, seq LIMIT $2
                          FOR UPDATE SKIP LOCKED)
            RETURNING \(Self.columns)
            """, now, limit, deliverer, leaseUntil, map: SQLiteOutboxRepository.entry)
            .sorted { ($0.nextAttemptAt, $0.seq) < ($1.nextAttemptAt, $1.seq) }
    }

    func renewLease(seq: Int64, by deliverer: String, at now: Date, until leaseUntil: Date) throws -> Bool {
        try db.execute("""
            UPDATE outbox SET lease_until = $1
            WHERE seq = $2 AND claimed_by = $3 AND lease_until > $4 AND delivered_at IS NULL AND failed_at IS NULL
            """, leaseUntil, seq, deliverer, now) == 1
    }

    func release(_ seqs: [Int64], by deliverer: String) throws {
        for seq in seqs {
            try db.execute("""
                UPDATE outbox SET lease_until = NULL
                WHERE seq = $1 AND claimed_by = $2 AND delivered_at IS NULL AND failed_at IS NULL
                """, seq, deliverer)
        }
    }

    func emailCounts(tenant: TenantID) throws -> (waiting: Int, failed: Int) {
        try db.queryOne("""
            SELECT count(*) FILTER (WHERE delivered_at IS NULL AND failed_at IS NULL),
                   count(*) FILTER (WHERE delivered_at IS NULL AND failed_at IS NOT NULL)
            FROM outbox WHERE tenant_id = $1 AND channel = 'email'
            """, tenant) { ($0.int(0), $0.int(1)) } ?? (0, 0)
    }

    func nextDue() throws -> Date? {
        try db.queryOne("""
            SELECT min(greatest(next_attempt_at, lease_until)) FROM outbox
            WHERE channel = 'email' AND delivered_at IS NULL AND failed_at IS NULL AND \(Self.released)
            """) { $0.instant(0) } ?? nil
    }

    func page(tenant: TenantID, after afterSeq: Int64, limit: Int, kind: String?) throws -> [OutboxEntry] {
        try db.query("""
            SELECT \(Self.columns) FROM outbox WHERE tenant_id = $1 AND seq > $2 AND ($3::text IS NULL OR kind = $3)
            AND \(Self.released) ORDER BY seq LIMIT $4
            """, tenant, afterSeq, kind, limit, map: SQLiteOutboxRepository.entry)
    }

    func about(subject: String, tenant: TenantID, limit: Int) throws -> [OutboxEntry] {
        try db.query("SELECT \(Self.columns) FROM outbox WHERE tenant_id = $1 AND subject = $2 AND \(Self.released) ORDER BY seq LIMIT $3",
                     tenant, subject, limit, map: SQLiteOutboxRepository.entry)
    }

    func scrubPersonalData(subject: String, tenant: TenantID) throws {
        try db.execute("""
            UPDATE outbox SET payload = payload - 'email' - 'givenName' - 'locale' #- '{details,token}'
            WHERE tenant_id = $1 AND subject = $2
            """, tenant, subject)
    }

    func markDelivered(seq: Int64, at date: Date, note: String?) throws {
        try db.execute("""
            UPDATE outbox SET delivered_at = $1, attempts = attempts + 1, last_error = $2, lease_until = NULL,
                payload = payload #- '{details,token}'
            WHERE seq = $3
            """, date, note, seq)
    }

    func markFailed(seq: Int64, error: String, retryAt: Date?, at date: Date) throws {
        if let retryAt {
            try db.execute("""
                UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, lease_until = NULL
                WHERE seq = $3
                """, error, retryAt, seq)
        } else {
            try db.execute("""
                UPDATE outbox SET attempts = attempts + 1, last_error = $1, failed_at = $2, lease_until = NULL WHERE seq = $3
                """, error, date, seq)
        }
    }

    // Retry of a failed email (issue 13, item 9)
    func retryFailedEmail(seq: Int64, tenant: TenantID, at now: Date) throws -> OutboxEntry? {
        try db.query("""
            UPDATE outbox SET failed_at = NULL, next_attempt_at = $1, lease_until = NULL
            WHERE seq = $2 AND tenant_id = $3 AND channel = 'email' AND failed_at IS NOT NULL AND delivered_at IS NULL
            RETURNING \(Self.columns)
            """, now, seq, tenant, map: SQLiteOutboxRepository.entry).first
    }
}

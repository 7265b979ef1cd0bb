import Coffee
import FoundationEssentials

/// The outbox table: events appended in the transaction that caused them, read by the
/// deliverer and the admin API.
public enum OutboxRecords {
    /// The event kinds a deliverer sends by email; every other kind is a record.
    public static let emailKinds: Set<EventKind> = [.welcomeEmailRequested, .invitationEmailRequested]

    /// Appends `events`; an event whose idempotency key the tenant's outbox already holds
    /// is skipped (a retried transition). Returns how many rows were inserted.
    @discardableResult
    public static func append(_ events: [DomainEvent], in db: Connection) throws -> Int {
        var inserted = 0
        for event in events {
            let header = event.header
            let channel = emailKinds.contains(event.kind) ? "email" : "none"
            try append(tenant: TenantID(rawValue: header.tenantID.rawValue), key: event.idempotencyKey.rawValue,
                       kind: event.kind.rawValue, subject: header.subject, channel: channel,
                       payload: OutboxPayload(event), occurredAt: header.occurredAt, in: db)
            inserted += db.changes
        }
        return inserted
    }

    /// Appends one entry unless `key` is already in the tenant's outbox; the generic door
    /// for events defined outside the member domain.
    public static func append(tenant: TenantID, key: String, kind: String, subject: String, channel: String,
                              payload: OutboxPayload, occurredAt: Date, in db: Connection) throws {
        let stamp = Timestamp.string(from: occurredAt)
        try db.execute("""
            INSERT INTO outbox (tenant_id, idempotency_key, kind, subject, channel, payload, occurred_at, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, subject, idempotency_key) DO NOTHING
            """, tenant.rawValue, key, kind, subject, channel, try JSONText.encode(payload), stamp, stamp)
    }

    /// Email entries of any tenant due at `now`, oldest first, at most `limit`.
    public static func due(at now: Date, limit: Int, in db: Connection) throws -> [OutboxEntry] {
        try db.query("""
            SELECT \(columns) FROM outbox
            WHERE channel = 'email' AND delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
            ORDER BY next_attempt_at, seq LIMIT ?
            """, Timestamp.string(from: now), limit, map: entry)
    }

    /// When the next email entry of any tenant falls due, if one is pending.
    public static func nextDue(in db: Connection) throws -> Date? {
        try db.queryOne("""
            SELECT min(next_attempt_at) FROM outbox WHERE channel = 'email' AND delivered_at IS NULL AND failed_at IS NULL
            """, map: { $0.optionalString(0) }).flatMap { $0 }.flatMap(Timestamp.date(from:))
    }

    /// The tenant's entries after `afterSeq`, in outbox order, optionally only those of
    /// `kind` or `status`.
    public static func page(tenant: TenantID, after afterSeq: Int64, limit: Int, kind: String? = nil,
                            in db: Connection) throws -> [OutboxEntry] {
        try db.query("""
            SELECT \(columns) FROM outbox WHERE tenant_id = ? AND seq > ? AND (?3 IS NULL OR kind = ?3)
            ORDER BY seq LIMIT ?
            """, tenant.rawValue, afterSeq, kind, limit, map: entry)
    }

    /// The tenant's entries about `subject` (a member, group or session), oldest first.
    public static func about(subject: String, tenant: TenantID, limit: Int, in db: Connection) throws -> [OutboxEntry] {
        try db.query("SELECT \(columns) FROM outbox WHERE tenant_id = ? AND subject = ? ORDER BY seq LIMIT ?",
                     tenant.rawValue, subject, limit, map: entry)
    }

    /// Removes the personal data (address, first name, locale) from the payloads of the
    /// tenant's events about `subject`: a purged member keeps its history, not its data.
    public static func scrubPersonalData(subject: String, tenant: TenantID, in db: Connection) throws {
        try db.execute("""
            UPDATE outbox SET payload = json_remove(payload, '$.email', '$.givenName', '$.locale', '$.details.token')
            WHERE tenant_id = ? AND subject = ?
            """, tenant.rawValue, subject)
    }

    /// Records a successful delivery, and erases the secret a delivered email carried
    /// (an invitation's token).
    public static func markDelivered(seq: Int64, at date: Date, in db: Connection) throws {
        try db.execute("""
            UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL,
                payload = json_remove(payload, '$.details.token')
            WHERE seq = ?
            """, Timestamp.string(from: date), seq)
    }

    /// Records a failed attempt: retried at `retryAt`, or given up on when `retryAt` is nil.
    public static func markFailed(seq: Int64, error: String, retryAt: Date?, at date: Date, in db: Connection) throws {
        if let retryAt {
            try db.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE seq = ?",
                           error, Timestamp.string(from: retryAt), seq)
        } else {
            try db.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ?, failed_at = ? WHERE seq = ?",
                           error, Timestamp.string(from: date), seq)
        }
    }

    static let columns = """
        seq, tenant_id, idempotency_key, kind, subject, channel, payload, occurred_at, attempts, next_attempt_at,
        delivered_at, failed_at, last_error
        """

    static func entry(_ row: Row) throws -> OutboxEntry {
        guard let occurredAt = Timestamp.date(from: row.string(7)), let next = Timestamp.date(from: row.string(9)) else {
            throw StoreError(code: .corrupt, message: "an outbox row has an unreadable timestamp")
        }
        return OutboxEntry(
            seq: row.int64(0), tenantID: TenantID(rawValue: row.string(1)), idempotencyKey: row.string(2),
            kind: row.string(3), subject: row.string(4), channel: row.string(5), payload: try JSONText.decode(row.string(6)),
            occurredAt: occurredAt, attempts: row.int(8), nextAttemptAt: next,
            deliveredAt: row.optionalString(10).flatMap(Timestamp.date(from:)),
            failedAt: row.optionalString(11).flatMap(Timestamp.date(from:)), lastError: row.optionalString(12))
    }
}

import Coffee
import FoundationEssentials

/// The outbox table: events appended in the transaction that caused them, read by the
/// deliverer and the admin API.
public struct SQLiteOutboxRepository: OutboxRepository {
    /// The transaction's connection.
    let db: Connection

    /// The event kinds a deliverer sends by email; every other kind is a record.
    public static let emailKinds: Set<EventKind> = [
        .welcomeEmailRequested, .invitationEmailRequested, .matchIntroRequested, .signInLinkRequested, .memberLeftUnmatched,
        .meetingFeedbackRequested, .signUpConfirmationRequested,
        .consoleSignInLinkRequested,
        // Claimed like an email when due: the deliverer turns it into the group's questions.
        .meetingFeedbackScheduled,
    ]

    /// Appends `events`; an event whose idempotency key the tenant's outbox already holds
    /// is skipped (a retried transition). Returns how many rows were inserted.
    @discardableResult
    public func append(_ events: [DomainEvent]) throws -> Int {
        try append(EncodedEvents.outbox(events).rows, gate: nil)
    }

    public func appendUncounted(_ events: EncodedEvents) throws {
        _ = try append(events.rows, gate: nil)
    }

    @discardableResult
    public func append(_ events: [DomainEvent], behind gate: String, tenant: TenantID) throws -> Int {
        try append(EncodedEvents.outbox(events), behind: gate, tenant: tenant)
    }

    @discardableResult
    public func append(_ events: EncodedEvents, behind gate: String, tenant: TenantID) throws -> Int {
        try append(events.rows(behindGateOf: tenant), gate: gate)
    }

    /// Appends each row unless its key is already in the tenant's outbox (an earlier row
    /// of the same call included), in order, several rows per statement (issue 16).
    /// Private: every event enters as a typed ``DomainEvent``, encoded by ``EncodedEvents/outbox(_:)``.
    private func append(_ rows: [EncodedEvents.Row], gate: String?) throws -> Int {
        // The rows of one call mostly share their instants (a match's introductions: all
        // of them): each distinct one is formatted once, not twice per row (issue 16: on
        // the writer, while other writes wait).
        var occurred = TimestampTexts(), due = TimestampTexts()
        return try db.insert(rows, Self.outboxRows) { row, statement, offset in
            try statement.bind(row.tenantID.rawValue, at: offset + 1)
            try statement.bind(row.idempotencyKey, at: offset + 2)
            try statement.bind(row.kind, at: offset + 3)
            try statement.bind(row.subject, at: offset + 4)
            try statement.bind(row.channel, at: offset + 5)
            try statement.bind(row.payload, at: offset + 6)
            try statement.bind(occurred.text(of: row.occurredAt), at: offset + 7)
            try statement.bind(due.text(of: row.dueAt), at: offset + 8)
            if let gate { try statement.bind(gate, at: offset + 9) } else { try statement.bindNull(at: offset + 9) }
        }
    }

    /// The statements ``append(_:gate:)`` inserts with.
    private static let outboxRows = RowInsert(head: """
        INSERT INTO outbox (tenant_id, idempotency_key, kind, subject, channel, payload, occurred_at, next_attempt_at, gate)
        """, tuple: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", tail: " ON CONFLICT (tenant_id, subject, idempotency_key) DO NOTHING")

    public func closeGate(_ gate: String, tenant: TenantID) throws {
        try db.execute("INSERT INTO outbox_gates (tenant_id, id) VALUES (?, ?) ON CONFLICT DO NOTHING", tenant, gate)
    }

    public func openGate(_ gate: String, tenant: TenantID, at date: Date) throws {
        try db.execute("UPDATE outbox_gates SET opened_at = ? WHERE tenant_id = ? AND id = ? AND opened_at IS NULL",
                       Timestamp.string(from: date), tenant, gate)
    }

    public func discardGate(_ gate: String, tenant: TenantID) throws {
        // Only a closed gate: what an open one let through is history.
        guard try db.queryOne("SELECT opened_at IS NULL FROM outbox_gates WHERE tenant_id = ? AND id = ?", tenant, gate,
                              map: { $0.int(0) == 1 }) ?? true else { return }
        try db.execute("DELETE FROM outbox WHERE tenant_id = ? AND gate = ?", tenant, gate)
        try db.execute("DELETE FROM outbox_gates WHERE tenant_id = ? AND id = ?", tenant, gate)
    }

    /// The condition of an entry not held behind a closed gate.
    private static let released = """
        (gate IS NULL OR EXISTS (SELECT 1 FROM outbox_gates g
                                 WHERE g.tenant_id = outbox.tenant_id AND g.id = outbox.gate AND g.opened_at IS NOT NULL))
        """

    /// Email entries of any tenant due at `now` and claimed by no deliverer (or by one
    /// whose lease has expired), oldest first, at most `limit`. A read: what
    /// ``claimDue(by:at:leaseUntil:limit:in:)`` would claim.
    public func due(at now: Date, limit: Int) throws -> [OutboxEntry] {
        try db.query("""
            SELECT \(Self.columns) FROM outbox
            WHERE \(Self.claimable) ORDER BY next_attempt_at, seq LIMIT ?2
            """, Timestamp.string(from: now), limit, map: Self.entry)
    }

    /// Claims the email entries due at `now` that no live lease holds, oldest first, at
    /// most `limit`, for `deliverer` until `leaseUntil`, and returns them (oldest first).
    ///
    /// One `UPDATE … RETURNING` in the caller's write transaction: two deliverers on one
    /// database, even in two processes, never claim the same entry while its lease runs,
    /// since the second one's `WHERE` sees the first one's committed lease. A deliverer that
    /// stops without recording its attempt leaves the entry to whoever claims it after
    /// `leaseUntil`.
    public func claimDue(by deliverer: String, at now: Date, leaseUntil: Date, limit: Int) throws -> [OutboxEntry] {
        try db.query("""
            UPDATE outbox SET claimed_by = ?3, lease_until = ?4
            WHERE seq IN (SELECT seq FROM outbox WHERE \(Self.claimable) ORDER BY next_attempt_at, seq LIMIT ?2)
            RETURNING \(Self.columns)
            """, Timestamp.string(from: now), limit, deliverer, Timestamp.string(from: leaseUntil), map: Self.entry)
            .sorted { ($0.nextAttemptAt, $0.seq) < ($1.nextAttemptAt, $1.seq) }
    }

    /// Extends `deliverer`'s lease on entry `seq` to `leaseUntil`, if it still holds it at
    /// `now` and the entry is still pending. Returns whether it did: `false` means the
    /// lease expired (another deliverer may have the entry) and the entry must not be sent.
    public func renewLease(seq: Int64, by deliverer: String, at now: Date, until leaseUntil: Date) throws -> Bool {
        try db.execute("""
            UPDATE outbox SET lease_until = ?
            WHERE seq = ? AND claimed_by = ? AND lease_until > ? AND delivered_at IS NULL AND failed_at IS NULL
            """, Timestamp.string(from: leaseUntil), seq, deliverer, Timestamp.string(from: now))
        return db.changes == 1
    }

    /// Gives back `deliverer`'s leases on the pending entries `seqs` (a deliverer that
    /// stops before sending them): they are due for anyone at once.
    public func release(_ seqs: [Int64], by deliverer: String) throws {
        for seq in seqs {
            try db.execute("""
                UPDATE outbox SET lease_until = NULL
                WHERE seq = ? AND claimed_by = ? AND delivered_at IS NULL AND failed_at IS NULL
                """, seq, deliverer)
        }
    }

    /// Pending email entries due at `?1` and not under a live lease.
    private static let claimable = """
        channel = 'email' AND delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?1
        AND (lease_until IS NULL OR lease_until <= ?1) AND \(released)
        """

    public func emailCounts(tenant: TenantID) throws -> (waiting: Int, failed: Int) {
        try db.queryOne("""
            SELECT count(*) FILTER (WHERE delivered_at IS NULL AND failed_at IS NULL),
                   count(*) FILTER (WHERE delivered_at IS NULL AND failed_at IS NOT NULL)
            FROM outbox WHERE tenant_id = ? AND channel = 'email'
            """, tenant.rawValue) { ($0.int(0), $0.int(1)) } ?? (0, 0)
    }

    /// When the next email entry of any tenant falls due (or its lease expires), if one
    /// is pending.
    public func nextDue() throws -> Date? {
        try db.queryOne("""
            SELECT min(max(next_attempt_at, coalesce(lease_until, ''))) FROM outbox
            WHERE channel = 'email' AND delivered_at IS NULL AND failed_at IS NULL AND \(Self.released)
            """, map: { $0.optionalString(0) }).flatMap { $0 }.flatMap(Timestamp.date(from:))
    }

    /// The tenant's entries after `afterSeq`, in outbox order, optionally only those of
    /// `kind` or `status`.
    public func page(tenant: TenantID, after afterSeq: Int64, limit: Int, kind: String?) throws -> [OutboxEntry] {
        try db.query("""
            SELECT \(Self.columns) FROM outbox WHERE tenant_id = ? AND seq > ? AND (?3 IS NULL OR kind = ?3)
            AND \(Self.released) ORDER BY seq LIMIT ?
            """, tenant.rawValue, afterSeq, kind, limit, map: Self.entry)
    }

    /// The tenant's entries about `subject` (a member, group or session), oldest first.
    public func about(subject: String, tenant: TenantID, limit: Int) throws -> [OutboxEntry] {
        try db.query("SELECT \(Self.columns) FROM outbox WHERE tenant_id = ? AND subject = ? AND \(Self.released) ORDER BY seq LIMIT ?",
                     tenant.rawValue, subject, limit, map: Self.entry)
    }

    /// Removes the personal data (address, first name, locale) from the payloads of the
    /// tenant's events about `subject`: a purged member keeps its history, not its data.
    public func scrubPersonalData(subject: String, tenant: TenantID) throws {
        try db.execute("""
            UPDATE outbox SET payload = json_remove(payload, '$.email', '$.givenName', '$.locale', '$.details.token')
            WHERE tenant_id = ? AND subject = ?
            """, tenant.rawValue, subject)
    }

    /// Records a successful delivery, ends its lease, and erases the secret a delivered
    /// email carried (an invitation's token). `note` says which recipients were left out
    /// and why, when some were (kept in `last_error`).
    public func markDelivered(seq: Int64, at date: Date, note: String?) throws {
        try db.execute("""
            UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = ?, lease_until = NULL,
                payload = json_remove(payload, '$.details.token')
            WHERE seq = ?
            """, Timestamp.string(from: date), note, seq)
    }

    /// Records a failed attempt and ends its lease: retried at `retryAt`, or given up on
    /// when `retryAt` is nil.
    public func markFailed(seq: Int64, error: String, retryAt: Date?, at date: Date) throws {
        if let retryAt {
            try db.execute("""
                UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, lease_until = NULL WHERE seq = ?
                """, error, Timestamp.string(from: retryAt), seq)
        } else {
            try db.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ?, failed_at = ?, lease_until = NULL WHERE seq = ?",
                           error, Timestamp.string(from: date), seq)
        }
    }

    // Retry of a failed email (issue 13, item 9)
    public func retryFailedEmail(seq: Int64, tenant: TenantID, at now: Date) throws -> OutboxEntry? {
        try db.query("""
            UPDATE outbox SET failed_at = NULL, next_attempt_at = ?, lease_until = NULL
            WHERE seq = ? AND tenant_id = ? AND channel = 'email' AND failed_at IS NOT NULL AND delivered_at IS NULL
            RETURNING \(Self.columns)
            """, Timestamp.string(from: now), seq, tenant.rawValue, map: Self.entry).first
    }

    static let columns = """
        seq, tenant_id, idempotency_key, kind, subject, channel, payload, occurred_at, attempts, next_attempt_at,
        delivered_at, failed_at, last_error, claimed_by, lease_until
        """

    static func entry<R: StoredRow>(_ row: R) throws -> OutboxEntry {
        guard let occurredAt = row.instant(7), let next = row.instant(9) else {
            throw StoreError(code: .corrupt, message: "an outbox row has an unreadable timestamp")
        }
        return OutboxEntry(
            seq: row.int64(0), tenantID: TenantID(rawValue: row.string(1)), idempotencyKey: row.string(2),
            kind: row.string(3), subject: row.string(4), channel: row.string(5), payload: try JSONText.decode(row.string(6)),
            occurredAt: occurredAt, attempts: row.int(8), nextAttemptAt: next,
            deliveredAt: row.instant(10),
            failedAt: row.instant(11), lastError: row.optionalString(12),
            claimedBy: row.optionalString(13), leaseUntil: row.instant(14))
    }
}

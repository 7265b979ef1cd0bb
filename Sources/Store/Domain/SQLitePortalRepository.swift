import Coffee
import FoundationEssentials

/// The Member Portal's sign-in links and sessions as rows of migration 0014, found by
/// the SHA-256 of the token or cookie presented.
public struct SQLitePortalRepository: PortalRepository {
    /// The transaction's connection.
    let db: Connection

    /// The longest token or cookie looked up; longer ones are no secret of ours.
    static let maxSecretLength = 256

    static func hash(_ secret: String) -> [UInt8]? {
        guard !secret.isEmpty, secret.utf8.count <= maxSecretLength else { return nil }
        return SHA256.hash(Array(secret.utf8))
    }

    public func insertLink(token: String, tenant: TenantID, member: MemberID, at date: Date, expiresAt: Date) throws {
        guard let hash = Self.hash(token) else { throw StoreError(code: .misuse, message: "an empty or oversized link token") }
        try db.execute("""
            INSERT INTO portal_links (token_hash, tenant_id, member_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
            """, hash, tenant, member, Timestamp.string(from: date), Timestamp.string(from: expiresAt))
    }

    public func consumeLink(token: String, at date: Date) throws -> (tenant: TenantID, member: MemberID)? {
        guard let hash = Self.hash(token) else { return nil }
        let now = Timestamp.string(from: date)
        return try db.queryOne("""
            UPDATE portal_links SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
            RETURNING tenant_id, member_id
            """, hash, now) { (TenantID(rawValue: $0.string(0)), MemberID($0.string(1))) }
    }

    public func insertSession(id: String, _ session: PortalSession) throws {
        guard let hash = Self.hash(id) else { throw StoreError(code: .misuse, message: "an empty or oversized session id") }
        try db.execute("""
            INSERT INTO portal_sessions (id_hash, tenant_id, member_id, csrf_token, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, hash, session.tenantID, session.memberID, session.csrfToken,
            Timestamp.string(from: session.createdAt), Timestamp.string(from: session.expiresAt))
    }

    public func session(id: String, at date: Date) throws -> PortalSession? {
        guard let hash = Self.hash(id) else { return nil }
        return try db.queryOne("""
            SELECT tenant_id, member_id, csrf_token, created_at, expires_at FROM portal_sessions
            WHERE id_hash = ? AND revoked_at IS NULL AND expires_at > ?
            """, hash, Timestamp.string(from: date)) { row in
            PortalSession(tenantID: TenantID(rawValue: row.string(0)), memberID: MemberID(row.string(1)),
                          csrfToken: row.string(2), createdAt: try row.date(3), expiresAt: try row.date(4))
        }
    }

    public func revokeSession(id: String, at date: Date) throws {
        guard let hash = Self.hash(id) else { return }
        try db.execute("UPDATE portal_sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL",
                       Timestamp.string(from: date), hash)
    }

    public func revokeSessions(of member: MemberID, tenant: TenantID, at date: Date) throws {
        try db.execute("""
            UPDATE portal_sessions SET revoked_at = ? WHERE tenant_id = ? AND member_id = ? AND revoked_at IS NULL
            """, Timestamp.string(from: date), tenant, member)
    }

    // MARK: - Reusable member links and meeting feedback (0015)

    public func insertLink(token: String, _ link: PortalLink, at date: Date, expiresAt: Date) throws {
        guard let hash = Self.hash(token) else { throw StoreError(code: .misuse, message: "an empty or oversized link token") }
        try db.execute("""
            INSERT INTO portal_member_links (token_hash, purpose, tenant_id, member_id, subject, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, hash, link.purpose.rawValue, link.tenantID, link.memberID, link.subject, Timestamp.string(from: date),
            Timestamp.string(from: expiresAt))
    }

    public func link(token: String, purpose: PortalLink.Purpose, at date: Date) throws -> PortalLink? {
        guard let hash = Self.hash(token) else { return nil }
        return try db.queryOne("""
            SELECT tenant_id, member_id, subject FROM portal_member_links
            WHERE token_hash = ? AND purpose = ? AND expires_at > ?
            """, hash, purpose.rawValue, Timestamp.string(from: date)) {
            PortalLink(purpose: purpose, tenantID: TenantID(rawValue: $0.string(0)), memberID: MemberID($0.string(1)),
                       subject: $0.string(2))
        }
    }

    public func saveFeedback(_ feedback: MeetingFeedback) throws {
        try db.execute("""
            INSERT INTO meeting_feedback (tenant_id, session_id, group_number, member_id, answer, rating, answered_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, session_id, group_number, member_id)
            DO UPDATE SET answer = excluded.answer, rating = excluded.rating, answered_at = excluded.answered_at
            """, feedback.tenantID, feedback.sessionID, feedback.group, feedback.memberID, feedback.answer.rawValue,
            feedback.rating, Timestamp.string(from: feedback.answeredAt))
    }

    public func feedback(of member: MemberID, tenant: TenantID) throws -> [MeetingFeedback] {
        try db.query("""
            SELECT \(Self.feedbackColumns) FROM meeting_feedback WHERE tenant_id = ? AND member_id = ?
            ORDER BY answered_at DESC, session_id, group_number
            """, tenant, member, map: Self.feedback)
    }

    public func feedback(session: SessionID, tenant: TenantID) throws -> [MeetingFeedback] {
        try db.query("""
            SELECT \(Self.feedbackColumns) FROM meeting_feedback WHERE tenant_id = ? AND session_id = ?
            ORDER BY group_number, member_id
            """, tenant, session, map: Self.feedback)
    }

    static let feedbackColumns = "tenant_id, session_id, group_number, member_id, answer, rating, answered_at"

    static func feedback(_ row: some StoredRow) throws -> MeetingFeedback {
        MeetingFeedback(tenantID: TenantID(rawValue: row.string(0)), sessionID: SessionID(row.string(1)), group: row.int(2),
                        memberID: MemberID(row.string(3)), answer: MeetingFeedback.Answer(rawValue: row.string(4)) ?? .notYet,
                        rating: row.isNull(5) ? nil : row.int(5), answeredAt: try row.date(6))
    }

    public func signIns(of member: MemberID, tenant: TenantID) throws -> (first: Date, last: Date)? {
        try db.queryOne("""
            SELECT min(created_at), max(created_at) FROM portal_sessions WHERE tenant_id = ? AND member_id = ?
            """, tenant, member) { row in row.isNull(0) ? nil : (try row.date(0), try row.date(1)) } ?? nil
    }

    public func signedInMembers(tenant: TenantID) throws -> Set<MemberID> {
        Set(try db.query("SELECT DISTINCT member_id FROM portal_sessions WHERE tenant_id = ?", tenant) { MemberID($0.string(0)) })
    }

    public func insertSignUp(token: String, _ signUp: PendingSignUp, at date: Date, expiresAt: Date) throws {
        guard let hash = Self.hash(token) else { throw StoreError(code: .misuse, message: "an empty or oversized sign-up token") }
        try db.execute("""
            INSERT INTO portal_signups (token_hash, tenant_id, link_id, email, given_name, family_name, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, hash, signUp.tenantID, signUp.linkID, signUp.email.rawValue, signUp.givenName, signUp.familyName,
            Timestamp.string(from: date), Timestamp.string(from: expiresAt))
    }

    public func purgeLinks(before date: Date, limit: Int) throws -> Int {
        let now = Timestamp.string(from: date)
        var deleted = 0
        for (table, spent) in Self.purgedLinkTables {
            try db.execute("""
                DELETE FROM \(table) WHERE token_hash IN (
                    SELECT token_hash FROM \(table) WHERE expires_at <= ?1\(spent ? " OR used_at IS NOT NULL" : "") LIMIT ?2)
                """, now, limit)
            deleted += db.changes
        }
        return deleted
    }

    /// The link tables ``purgeLinks(before:limit:)`` empties, and whether a row is spent
    /// once used (`used_at`).
    static let purgedLinkTables = [("portal_links", true), ("portal_member_links", false), ("portal_signups", true)]

    public func consumeSignUp(token: String, at date: Date) throws -> PendingSignUp? {
        guard let hash = Self.hash(token) else { return nil }
        return try db.queryOne("""
            UPDATE portal_signups SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
            RETURNING tenant_id, link_id, email, given_name, family_name
            """, hash, Timestamp.string(from: date), map: Self.signUp) ?? nil
    }

    static func signUp(_ row: some StoredRow) throws -> PendingSignUp? {
        guard let email = try? EmailAddress(row.string(2)) else { return nil }
        return PendingSignUp(tenantID: TenantID(rawValue: row.string(0)), linkID: row.string(1), email: email,
                             givenName: row.string(3), familyName: row.string(4))
    }
}

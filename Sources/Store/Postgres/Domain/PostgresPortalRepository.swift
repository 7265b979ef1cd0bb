import Coffee
import FoundationEssentials

/// The Member Portal's sign-in links and sessions on PostgreSQL (as
/// ``SQLitePortalRepository``), found by the SHA-256 of the token or cookie presented.
struct PostgresPortalRepository: PortalRepository {
    /// The transaction's connection.
    let db: PostgresConnection

    private static func hash(_ secret: String) -> PostgresBytes? {
        SQLitePortalRepository.hash(secret).map(PostgresBytes.init)
    }

    func insertLink(token: String, tenant: TenantID, member: MemberID, at date: Date, expiresAt: Date) throws {
        guard let hash = Self.hash(token) else { throw StoreError(code: .misuse, message: "an empty or oversized link token") }
        try db.execute("""
            INSERT INTO portal_links (token_hash, tenant_id, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
            """, hash, tenant, member, date, expiresAt)
    }

    func consumeLink(token: String, at date: Date) throws -> (tenant: TenantID, member: MemberID)? {
        guard let hash = Self.hash(token) else { return nil }
        return try db.queryOne("""
            UPDATE portal_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
            RETURNING tenant_id, member_id
            """, hash, date) { (TenantID(rawValue: $0.string(0)), MemberID($0.string(1))) }
    }

    func insertSession(id: String, _ session: PortalSession) throws {
        guard let hash = Self.hash(id) else { throw StoreError(code: .misuse, message: "an empty or oversized session id") }
        try db.execute("""
            INSERT INTO portal_sessions (id_hash, tenant_id, member_id, csrf_token, created_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            """, hash, session.tenantID, session.memberID, session.csrfToken, session.createdAt, session.expiresAt)
    }

    func session(id: String, at date: Date) throws -> PortalSession? {
        guard let hash = Self.hash(id) else { return nil }
        return try db.queryOne("""
            SELECT tenant_id, member_id, csrf_token, created_at, expires_at FROM portal_sessions
            WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > $2
            """, hash, date) { row in
            PortalSession(tenantID: TenantID(rawValue: row.string(0)), memberID: MemberID(row.string(1)),
                          csrfToken: row.string(2), createdAt: try row.date(3), expiresAt: try row.date(4))
        }
    }

    func revokeSession(id: String, at date: Date) throws {
        guard let hash = Self.hash(id) else { return }
        try db.execute("UPDATE portal_sessions SET revoked_at = $1 WHERE id_hash = $2 AND revoked_at IS NULL", date, hash)
    }

    func revokeSessions(of member: MemberID, tenant: TenantID, at date: Date) throws {
        try db.execute("""
            UPDATE portal_sessions SET revoked_at = $1 WHERE tenant_id = $2 AND member_id = $3 AND revoked_at IS NULL
            """, date, tenant, member)
    }

    // MARK: - Reusable member links and meeting feedback (0015)

    func insertLink(token: String, _ link: PortalLink, at date: Date, expiresAt: Date) throws {
        guard let hash = Self.hash(token) else { throw StoreError(code: .misuse, message: "an empty or oversized link token") }
        try db.execute("""
            INSERT INTO portal_member_links (token_hash, purpose, tenant_id, member_id, subject, created_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, hash, link.purpose.rawValue, link.tenantID, link.memberID, link.subject, date, expiresAt)
    }

    func link(token: String, purpose: PortalLink.Purpose, at date: Date) throws -> PortalLink? {
        guard let hash = Self.hash(token) else { return nil }
        return try db.queryOne("""
            SELECT tenant_id, member_id, subject FROM portal_member_links
            WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3
            """, hash, purpose.rawValue, date) {
            PortalLink(purpose: purpose, tenantID: TenantID(rawValue: $0.string(0)), memberID: MemberID($0.string(1)),
                       subject: $0.string(2))
        }
    }

    func saveFeedback(_ feedback: MeetingFeedback) throws {
        try db.execute("""
            INSERT INTO meeting_feedback (tenant_id, session_id, group_number, member_id, answer, rating, answered_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (tenant_id, session_id, group_number, member_id)
            DO UPDATE SET answer = excluded.answer, rating = excluded.rating, answered_at = excluded.answered_at
            """, feedback.tenantID, feedback.sessionID, feedback.group, feedback.memberID, feedback.answer.rawValue,
            feedback.rating, feedback.answeredAt)
    }

    func feedback(of member: MemberID, tenant: TenantID) throws -> [MeetingFeedback] {
        try db.query("""
            SELECT \(SQLitePortalRepository.feedbackColumns) FROM meeting_feedback WHERE tenant_id = $1 AND member_id = $2
            ORDER BY answered_at DESC, session_id COLLATE "C", group_number
            """, tenant, member, map: SQLitePortalRepository.feedback)
    }

    func feedback(session: SessionID, tenant: TenantID) throws -> [MeetingFeedback] {
        try db.query("""
            SELECT \(SQLitePortalRepository.feedbackColumns) FROM meeting_feedback WHERE tenant_id = $1 AND session_id = $2
            ORDER BY group_number, member_id COLLATE "C"
            """, tenant, session, map: SQLitePortalRepository.feedback)
    }

    func signIns(of member: MemberID, tenant: TenantID) throws -> (first: Date, last: Date)? {
        try db.queryOne("""
            SELECT min(created_at), max(created_at) FROM portal_sessions WHERE tenant_id = $1 AND member_id = $2
            """, tenant, member) { row in row.isNull(0) ? nil : (try row.date(0), try row.date(1)) } ?? nil
    }

    func signedInMembers(tenant: TenantID) throws -> Set<MemberID> {
        Set(try db.query("SELECT DISTINCT member_id FROM portal_sessions WHERE tenant_id = $1", tenant) { MemberID($0.string(0)) })
    }

    func insertSignUp(token: String, _ signUp: PendingSignUp, at date: Date, expiresAt: Date) throws {
        guard let hash = Self.hash(token) else { throw StoreError(code: .misuse, message: "an empty or oversized sign-up token") }
        try db.execute("""
            INSERT INTO portal_signups (token_hash, tenant_id, link_id, email, given_name, family_name, created_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, hash, signUp.tenantID, signUp.linkID, signUp.email.rawValue, signUp.givenName, signUp.familyName, date, expiresAt)
    }

    func purgeLinks(before date: Date, limit: Int) throws -> Int {
        var deleted = 0
        for (table, spent) in SQLitePortalRepository.purgedLinkTables {
            deleted += try db.execute("""
                DELETE FROM \(table) WHERE token_hash IN (
                    SELECT token_hash FROM \(table) WHERE expires_at <= $1\(spent ? " OR used_at IS NOT NULL" : "") LIMIT $2)
                """, date, limit)
        }
        return deleted
    }

    func consumeSignUp(token: String, at date: Date) throws -> PendingSignUp? {
        guard let hash = Self.hash(token) else { return nil }
        return try db.queryOne("""
            UPDATE portal_signups SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
            RETURNING tenant_id, link_id, email, given_name, family_name
            """, hash, date, map: SQLitePortalRepository.signUp) ?? nil
    }
}

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
}

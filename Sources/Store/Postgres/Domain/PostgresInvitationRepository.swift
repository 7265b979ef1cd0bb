import Coffee
import FoundationEssentials

/// Email invitations and sign-up links on PostgreSQL (as ``SQLiteInvitationRepository``):
/// tokens stored as their SHA-256 only, found by the hash of the token presented.
struct PostgresInvitationRepository: InvitationRepository {
    /// The transaction's connection.
    let db: PostgresConnection

    /// The stored hash of `token`.
    private static func hash(_ token: String) -> PostgresBytes {
        PostgresBytes(SQLiteInvitationRepository.hash(token))
    }

    /// Whether `token` is worth hashing (neither empty nor absurdly long).
    private static func isPlausible(_ token: String) -> Bool {
        !token.isEmpty && token.utf8.count <= SQLiteInvitationRepository.maxTokenLength
    }

    func insert(_ invitation: Invitation) throws {
        var acceptedAt: Date?
        if case .registered(let date) = invitation.status { acceptedAt = date }
        try db.execute("""
            INSERT INTO invitations (tenant_id, member_id, email, token_hash, status, created_at, expires_at, accepted_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, invitation.tenantID, invitation.memberID, invitation.email.rawValue,
            Self.hash(invitation.token.rawValue), acceptedAt == nil ? "pending" : "registered",
            invitation.createdAt, invitation.expiresAt, acceptedAt)
    }

    func invitation(token: String) throws -> StoredInvitation? {
        guard Self.isPlausible(token) else { return nil }
        return try db.queryOne("SELECT \(Self.columns) FROM invitations WHERE token_hash = $1", Self.hash(token),
                               map: SQLiteInvitationRepository.invitation)
    }

    func invitation(memberID: MemberID, tenant: TenantID) throws -> StoredInvitation? {
        try db.queryOne("SELECT \(Self.columns) FROM invitations WHERE tenant_id = $1 AND member_id = $2",
                        tenant, memberID, map: SQLiteInvitationRepository.invitation)
    }

    func page(tenant: TenantID, after afterSeq: Int64, limit: Int) throws -> [StoredInvitation] {
        try db.query("SELECT \(Self.columns) FROM invitations WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                     tenant, afterSeq, limit, map: SQLiteInvitationRepository.invitation)
    }

    func markRegistered(memberID: MemberID, tenant: TenantID, at date: Date) throws {
        try db.execute("""
            UPDATE invitations SET status = 'registered', accepted_at = $1 WHERE tenant_id = $2 AND member_id = $3
            """, date, tenant, memberID)
    }

    func renew(memberID: MemberID, tenant: TenantID, token: InvitationToken, expiresAt: Date) throws -> Bool {
        try db.execute("""
            UPDATE invitations SET token_hash = $1, expires_at = $2
            WHERE tenant_id = $3 AND member_id = $4 AND status = 'pending'
            """, Self.hash(token.rawValue), expiresAt, tenant, memberID) == 1
    }

    /// The columns ``SQLiteInvitationRepository/invitation(_:)`` maps.
    private static let columns = SQLiteInvitationRepository.columns

    func insertLink(id: String, tenant: TenantID, token: InvitationToken, at date: Date) throws -> StoredInvitationLink {
        try db.execute("INSERT INTO invitation_links (id, tenant_id, token_hash, created_at) VALUES ($1, $2, $3, $4)",
                       id, tenant, Self.hash(token.rawValue), date)
        return StoredInvitationLink(id: id, tenantID: tenant, createdAt: date, revokedAt: nil)
    }

    func revokeLinks(tenant: TenantID, at date: Date) throws -> Int {
        try db.execute("UPDATE invitation_links SET revoked_at = $1 WHERE tenant_id = $2 AND revoked_at IS NULL",
                       date, tenant)
    }

    func link(token: String) throws -> StoredInvitationLink? {
        guard Self.isPlausible(token) else { return nil }
        return try db.queryOne("SELECT id, tenant_id, created_at, revoked_at FROM invitation_links WHERE token_hash = $1",
                               Self.hash(token)) { row in
            StoredInvitationLink(id: row.string(0), tenantID: TenantID(rawValue: row.string(1)),
                                 createdAt: try row.date(2), revokedAt: try row.optionalDate(3))
        }
    }

    func link(id: String, tenant: TenantID) throws -> StoredInvitationLink? {
        try db.queryOne("SELECT id, tenant_id, created_at, revoked_at FROM invitation_links WHERE id = $1 AND tenant_id = $2",
                        id, tenant) { row in
            StoredInvitationLink(id: row.string(0), tenantID: TenantID(rawValue: row.string(1)),
                                 createdAt: try row.date(2), revokedAt: try row.optionalDate(3))
        }
    }
}

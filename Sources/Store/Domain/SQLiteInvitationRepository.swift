import Coffee
import FoundationEssentials

/// Email invitations and sign-up links (migration 0005) on a connection the caller holds,
/// so they join its transaction (the invited member and its events commit with the
/// invitation). Tokens are stored as their SHA-256 only; the public endpoints find an
/// invitation or a link, and so its tenant, by the hash of the token presented.
public struct SQLiteInvitationRepository: InvitationRepository {
    /// The transaction's connection.
    let db: Connection

    /// The longest token worth hashing: generated tokens are 43 characters.
    public static let maxTokenLength = 256

    /// The stored hash of `token`.
    static func hash(_ token: String) -> [UInt8] { SHA256.hash(token) }

    // MARK: - Invitations

    /// Stores `invitation` (pending, or registered if it already is), keeping only the
    /// hash of its token.
    public func insert(_ invitation: Invitation) throws {
        var acceptedAt: Date?
        if case .registered(let date) = invitation.status { acceptedAt = date }
        try db.execute("""
            INSERT INTO invitations (tenant_id, member_id, email, token_hash, status, created_at, expires_at, accepted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, invitation.tenantID.rawValue, invitation.memberID.rawValue, invitation.email.rawValue,
            Self.hash(invitation.token.rawValue), acceptedAt == nil ? "pending" : "registered",
            Timestamp.string(from: invitation.createdAt), Timestamp.string(from: invitation.expiresAt),
            acceptedAt.map(Timestamp.string(from:)))
    }

    /// The invitation whose token is `token`, of whichever tenant, or `nil`.
    public func invitation(token: String) throws -> StoredInvitation? {
        guard !token.isEmpty, token.utf8.count <= Self.maxTokenLength else { return nil }
        return try db.queryOne("SELECT \(Self.columns) FROM invitations WHERE token_hash = ?", Self.hash(token), map: Self.invitation)
    }

    /// The tenant's invitation of member `memberID`, or `nil`.
    public func invitation(memberID: MemberID, tenant: TenantID) throws -> StoredInvitation? {
        try db.queryOne("SELECT \(Self.columns) FROM invitations WHERE tenant_id = ? AND member_id = ?",
                        tenant.rawValue, memberID.rawValue, map: Self.invitation)
    }

    /// The tenant's invitations after `afterSeq`, oldest first, at most `limit`.
    public func page(tenant: TenantID, after afterSeq: Int64, limit: Int) throws -> [StoredInvitation] {
        try db.query("SELECT \(Self.columns) FROM invitations WHERE tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                     tenant.rawValue, afterSeq, limit, map: Self.invitation)
    }

    /// Marks the tenant's invitation of `memberID` registered at `date`; its token is spent.
    public func markRegistered(memberID: MemberID, tenant: TenantID, at date: Date) throws {
        try db.execute("""
            UPDATE invitations SET status = 'registered', accepted_at = ? WHERE tenant_id = ? AND member_id = ?
            """, Timestamp.string(from: date), tenant.rawValue, memberID.rawValue)
    }

    /// Gives the tenant's pending invitation of `memberID` a new token (only its hash is
    /// kept) and expiry; `false` when there is no pending one.
    public func renew(memberID: MemberID, tenant: TenantID, token: InvitationToken, expiresAt: Date) throws -> Bool {
        try db.execute("""
            UPDATE invitations SET token_hash = ?, expires_at = ?
            WHERE tenant_id = ? AND member_id = ? AND status = 'pending'
            """, Self.hash(token.rawValue), Timestamp.string(from: expiresAt), tenant.rawValue, memberID.rawValue)
        return db.changes == 1
    }

    /// The columns ``invitation(_:)`` reads.
    static let columns = "seq, tenant_id, member_id, email, status, created_at, expires_at, accepted_at"

    /// A row of ``columns`` as an invitation; an unknown status is storage corruption.
    static func invitation<R: StoredRow>(_ row: R) throws -> StoredInvitation {
        guard let status = StoredInvitation.Status(rawValue: row.string(4)) else {
            throw StoreError(code: .corrupt, message: "an invitations row has an unknown status")
        }
        guard let email = try? EmailAddress(row.string(3)) else {
            throw StoreError(code: .corrupt, message: "an invitations row holds an invalid email")
        }
        return StoredInvitation(
            seq: row.int64(0), tenantID: TenantID(rawValue: row.string(1)), memberID: MemberID(row.string(2)),
            email: email, status: status, createdAt: try row.date(5), expiresAt: try row.date(6),
            acceptedAt: try row.optionalDate(7))
    }

    // MARK: - Sign-up links

    /// Stores a new link for the tenant with `token` (only its hash is kept).
    public func insertLink(id: String, tenant: TenantID, token: InvitationToken, at date: Date) throws -> StoredInvitationLink {
        try db.execute("INSERT INTO invitation_links (id, tenant_id, token_hash, created_at) VALUES (?, ?, ?, ?)",
                       id, tenant.rawValue, Self.hash(token.rawValue), Timestamp.string(from: date))
        return StoredInvitationLink(id: id, tenantID: tenant, createdAt: date, revokedAt: nil)
    }

    /// Revokes every open link of the tenant; returns how many were open.
    @discardableResult
    public func revokeLinks(tenant: TenantID, at date: Date) throws -> Int {
        try db.execute("UPDATE invitation_links SET revoked_at = ? WHERE tenant_id = ? AND revoked_at IS NULL",
                       Timestamp.string(from: date), tenant.rawValue)
        return db.changes
    }

    /// The link whose token is `token`, of whichever tenant, open or revoked, or `nil`.
    public func link(token: String) throws -> StoredInvitationLink? {
        guard !token.isEmpty, token.utf8.count <= Self.maxTokenLength else { return nil }
        return try db.queryOne("SELECT id, tenant_id, created_at, revoked_at FROM invitation_links WHERE token_hash = ?",
                               Self.hash(token)) { row in
            StoredInvitationLink(id: row.string(0), tenantID: TenantID(rawValue: row.string(1)),
                                 createdAt: try row.date(2), revokedAt: try row.optionalDate(3))
        }
    }

    public func link(id: String, tenant: TenantID) throws -> StoredInvitationLink? {
        try db.queryOne("SELECT id, tenant_id, created_at, revoked_at FROM invitation_links WHERE id = ? AND tenant_id = ?",
                        id, tenant) { row in
            StoredInvitationLink(id: row.string(0), tenantID: TenantID(rawValue: row.string(1)),
                                 createdAt: try row.date(2), revokedAt: try row.optionalDate(3))
        }
    }
}

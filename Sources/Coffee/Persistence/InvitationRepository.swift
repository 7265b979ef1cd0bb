import FoundationEssentials

/// Email invitations and the tenant's sign-up links. Tokens are stored only as hashes.
public protocol InvitationRepository {
    /// Stores `invitation` (pending, or registered if it already is), keeping only the
    /// hash of its token.
    func insert(_ invitation: Invitation) throws
    /// The invitation whose token is `token`, of whichever tenant, or `nil`.
    func invitation(token: String) throws -> StoredInvitation?
    /// The tenant's invitation of member `memberID`, or `nil`.
    func invitation(memberID: MemberID, tenant: TenantID) throws -> StoredInvitation?
    /// The tenant's invitations after `afterSeq`, oldest first, at most `limit`.
    func page(tenant: TenantID, after afterSeq: Int64, limit: Int) throws -> [StoredInvitation]
    /// Marks the tenant's invitation of `memberID` registered at `date`; its token is spent.
    func markRegistered(memberID: MemberID, tenant: TenantID, at date: Date) throws
    /// Gives the tenant's pending invitation of `memberID` a new token (only its hash is
    /// kept; the old token stops working) and expiry; `false`, and nothing changed, when
    /// the tenant has no pending invitation of that member (issue 13: resend).
    func renew(memberID: MemberID, tenant: TenantID, token: InvitationToken, expiresAt: Date) throws -> Bool
    /// Stores a new sign-up link for the tenant with `token` (only its hash is kept).
    func insertLink(id: String, tenant: TenantID, token: InvitationToken, at date: Date) throws -> StoredInvitationLink
    /// Revokes every open link of the tenant; returns how many were open.
    func revokeLinks(tenant: TenantID, at date: Date) throws -> Int
    /// The link whose token is `token`, of whichever tenant, open or revoked, or `nil`.
    func link(token: String) throws -> StoredInvitationLink?
    /// The tenant's sign-up link `id` (a portal sign-up confirmed later names it, not its token).
    func link(id: String, tenant: TenantID) throws -> StoredInvitationLink?
}

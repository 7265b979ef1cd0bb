import FoundationEssentials

/// The Member Portal's secrets: single-use sign-in links and signed-in sessions. Only
/// the SHA-256 of a link's token or of a session's cookie is stored.
public protocol PortalRepository {
    /// Stores a sign-in link for member `member` whose token is `token`, usable once
    /// until `expiresAt`.
    func insertLink(token: String, tenant: TenantID, member: MemberID, at date: Date, expiresAt: Date) throws
    /// Spends the link whose token is `token`: its tenant and member if it was unused and
    /// unexpired at `date`, else `nil` (a second use finds nothing).
    func consumeLink(token: String, at date: Date) throws -> (tenant: TenantID, member: MemberID)?
    /// Stores a session whose cookie is `id`.
    func insertSession(id: String, _ session: PortalSession) throws
    /// The live session whose cookie is `id` at `date`: neither revoked nor expired.
    func session(id: String, at date: Date) throws -> PortalSession?
    /// Revokes the session whose cookie is `id` (sign-out).
    func revokeSession(id: String, at date: Date) throws
    /// Revokes every session of member `member` (deprovisioned, purged).
    func revokeSessions(of member: MemberID, tenant: TenantID, at date: Date) throws
}

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

    /// Stores `link` behind token `token` (migration 0015), usable until `expiresAt`.
    func insertLink(token: String, _ link: PortalLink, at date: Date, expiresAt: Date) throws
    /// The unexpired link of `purpose` whose token is `token` at `date`; `nil` for an
    /// unknown or expired token, or one issued for another purpose.
    func link(token: String, purpose: PortalLink.Purpose, at date: Date) throws -> PortalLink?
    /// Records `feedback`, replacing the member's previous answer about the same group.
    func saveFeedback(_ feedback: MeetingFeedback) throws
    /// Member `member`'s answers, most recent first.
    func feedback(of member: MemberID, tenant: TenantID) throws -> [MeetingFeedback]
    /// Every answer about the groups of session `session`.
    func feedback(session: SessionID, tenant: TenantID) throws -> [MeetingFeedback]
    /// When member `member` first and last signed in (opened a session), or `nil` if never.
    func signIns(of member: MemberID, tenant: TenantID) throws -> (first: Date, last: Date)?
    /// The members of the tenant who ever signed in.
    func signedInMembers(tenant: TenantID) throws -> Set<MemberID>
    /// Stores `signUp` behind token `token`, usable once until `expiresAt`.
    func insertSignUp(token: String, _ signUp: PendingSignUp, at date: Date, expiresAt: Date) throws
    /// Spends the pending sign-up whose token is `token`: it if unused and unexpired at
    /// `date`, else `nil` (a second use finds nothing).
    func consumeSignUp(token: String, at date: Date) throws -> PendingSignUp?

    /// Deletes link rows that can no longer work at `date`: sign-in links and pending
    /// sign-ups used or expired, member links (feedback, unsubscribe) expired; at most
    /// `limit` rows of each kind. Returns how many were deleted. Sessions are kept (they
    /// answer "has this member signed in?").
    func purgeLinks(before date: Date, limit: Int) throws -> Int
}

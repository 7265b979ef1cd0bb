import Coffee
import FoundationEssentials
import Store

extension PortalService {
    /// What the sign-up form's POST came to.
    enum SignUpRequest: Sendable, Equatable {
        /// A confirmation link was sent (or would have been: the answer is the same when
        /// the address is already a member's, which learns it by email, not on the page).
        case sent
        /// The address's domain is not one the organisation allows.
        case domainNotAllowed
    }

    /// The allowed email domains of the organisation whose sign-up link token is `token`
    /// (an open link, portal on); `expiredLink` otherwise.
    func signUpDomains(linkToken token: String) async throws -> (TenantID, [String]) {
        try await persistence.read { tx in
            guard let link = try tx.invitations.link(token: token), link.isEnabled else { throw PortalRefusal.expiredLink }
            guard try tx.settings.settings(tenant: link.tenantID).isMemberPortalEnabled else { throw PortalRefusal.portalOff(link.tenantID) }
            return (link.tenantID, try tx.settings.settings(tenant: link.tenantID).allowedEmailDomains.domains.sorted())
        }
    }

    /// Checks a sign-up through the link whose token is `linkToken` and, when the domain
    /// is allowed, stores it pending and emails a confirmation link (``linkLifetime``).
    /// No member exists until the link is opened. An address that is already a live
    /// member's gets no email and the same answer.
    func requestSignUp(linkToken: String, email: EmailAddress, givenName: String, familyName: String,
                       at now: Date) async throws -> SignUpRequest {
        let lifetime = linkLifetime
        return try await persistence.write { tx in
            guard let stored = try tx.invitations.link(token: linkToken), stored.isEnabled else { throw PortalRefusal.expiredLink }
            let settings = try tx.settings.settings(tenant: stored.tenantID)
            guard settings.isMemberPortalEnabled else { throw PortalRefusal.portalOff(stored.tenantID) }
            let link = InvitationLink(tenantID: stored.tenantID, token: InvitationToken(linkToken), isEnabled: stored.isEnabled)
            do {
                try link.checkSignUp(presentedToken: linkToken, email: email, settings: settings)
            } catch InvitationError.domainNotAllowed {
                return .domainNotAllowed
            }
            guard try tx.members.liveMember(email: email.normalized, tenant: stored.tenantID) == nil else { return .sent }
            var generator = SystemRandomNumberGenerator()
            let token = InvitationToken.generate(using: &generator).rawValue
            try tx.portal.insertSignUp(token: token, PendingSignUp(tenantID: stored.tenantID, linkID: stored.id, email: email,
                                                                   givenName: givenName, familyName: familyName),
                                       at: now, expiresAt: now.addingTimeInterval(lifetime))
            let header = EventHeader(tenantID: stored.tenantID, subject: "sign-up:" + RandomID.make(), sequence: 1, occurredAt: now)
            try tx.outbox.append([.signUpConfirmationRequested(SignUpConfirmationRequested(
                header: header, email: email, givenName: givenName, token: token, validMinutes: Int(lifetime / 60)))])
            return .sent
        }
    }

    /// Confirms the pending sign-up whose token is `token`: spends it, creates the member
    /// (``InvitationLink/completeSignUp(draft:tenantID:isEnabled:settings:at:)``: the link
    /// still open, the domain still allowed, the address still free) and signs it in.
    func confirmSignUp(token: String, at now: Date) async throws -> SignedIn {
        let lifetime = sessionLifetime
        return try await persistence.write { tx in
            guard let pending = try tx.portal.consumeSignUp(token: token, at: now),
                  let link = try tx.invitations.link(id: pending.linkID, tenant: pending.tenantID) else {
                throw PortalRefusal.expiredLink
            }
            let settings = try tx.settings.settings(tenant: pending.tenantID)
            guard settings.isMemberPortalEnabled else { throw PortalRefusal.portalOff(pending.tenantID) }
            guard try tx.members.liveMember(email: pending.email.normalized, tenant: pending.tenantID) == nil else {
                throw PortalRefusal.expiredLink
            }
            let draft = MemberDraft(id: MemberID(RandomID.make()), userName: pending.email.rawValue, givenName: pending.givenName,
                                    familyName: pending.familyName, emails: [pending.email])
            let result = try InvitationLink.completeSignUp(draft: draft, tenantID: pending.tenantID, isEnabled: link.isEnabled,
                                                           settings: settings, at: now)
            try tx.members.save(result.member)
            try tx.outbox.append(result.events)
            return try Self.openSession(for: result.member, at: now, lifetime: lifetime, in: tx)
        }
    }
}

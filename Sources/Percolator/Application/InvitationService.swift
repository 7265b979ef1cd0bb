import Coffee
import FoundationEssentials
import Store

/// Invitations and sign-up links (seed README, "Invitations") as every door uses them:
/// the admin API and console invite and share links; the public API and the portal
/// accept an invitation and sign up. Tokens are shown once and stored only as hashes.
struct InvitationService: Sendable {
    /// Where invitations, members, settings and events are read and written.
    let persistence: any Persistence
    /// How long an invitation can be accepted.
    var lifetime: TimeInterval

    /// A sign-up link just created: its row, its token (shown once) and what it allows.
    struct CreatedLink: Sendable {
        var link: StoredInvitationLink
        var token: InvitationToken
        var allowedEmailDomains: AllowedEmailDomains
        /// How many open links it replaced.
        var revoked: Int
    }

    /// Invites `email`: a `pending` member of source `invitation`, its invitation, and
    /// the `InvitationEmailRequested` event. A live member with the address refuses it.
    func invite(_ email: EmailAddress, givenName: String, familyName: String, tenant: TenantID,
                at now: Date) async throws -> Invitation {
        let lifetime = self.lifetime
        return try await persistence.write { tx in
            if let existing = try tx.members.liveMember(email: email.normalized, tenant: tenant) {
                throw ServiceError.duplicate("\(email.rawValue) is already a member (\(Self.statusWord(existing.localStatus))); no invitation was sent.")
            }
            let settings = try tx.settings.settings(tenant: tenant)
            var generator = SystemRandomNumberGenerator()
            let result = try Invitation.invite(email, memberID: MemberID(RandomID.make()), tenantID: tenant,
                                               settings: settings, givenName: givenName, familyName: familyName,
                                               lifetime: lifetime, at: now, using: &generator)
            try tx.members.save(result.member)
            try tx.outbox.append(result.events)
            try tx.invitations.insert(result.invitation)
            return result.invitation
        }
    }

    /// The tenant's invitations after `afterSeq`, oldest first, at most `limit`.
    func invitations(tenant: TenantID, after afterSeq: Int64, limit: Int) async throws -> [StoredInvitation] {
        try await persistence.read { tx in try tx.invitations.page(tenant: tenant, after: afterSeq, limit: limit) }
    }

    /// The tenant's invitation of member `id`.
    func invitation(of id: MemberID, tenant: TenantID) async throws -> StoredInvitation {
        guard let invitation = try await persistence.read({ tx in try tx.invitations.invitation(memberID: id, tenant: tenant) }) else {
            throw ServiceError.notFound("Invitation of member '\(id.rawValue)' not found.")
        }
        return invitation
    }

    /// Sends the tenant's pending invitation of member `id` again (issue 13, item 5): a
    /// new token (the old link stops working), a new expiry and a new invitation email in
    /// the outbox, as the first. An expired pending invitation can be resent; one already
    /// accepted, or whose member was removed or is no longer pending, is refused
    /// (``ServiceError/conflict(_:)``); an unknown id, or another tenant's, is not found.
    func resend(_ id: MemberID, tenant: TenantID, at now: Date) async throws -> Invitation {
        let lifetime = self.lifetime
        return try await persistence.write { tx in
            guard let stored = try tx.invitations.invitation(memberID: id, tenant: tenant) else {
                throw ServiceError.notFound("Invitation of member '\(id.rawValue)' not found.")
            }
            guard stored.status == .pending else {
                throw ServiceError.conflict("The invitation of \(stored.email.rawValue) was accepted already; there is nothing to resend.")
            }
            let withdrawn = ServiceError.conflict(
                "The invitation of \(stored.email.rawValue) was withdrawn (the member was removed or is no longer pending); invite the address again instead.")
            guard let member = try tx.members.member(id: id, tenant: tenant) else { throw withdrawn }
            var generator = SystemRandomNumberGenerator()
            let result: Invitation.Result
            do {
                result = try Invitation.resend(to: member, email: stored.email, createdAt: stored.createdAt, lifetime: lifetime,
                                               at: now, using: &generator)
            } catch {
                throw withdrawn
            }
            guard try tx.invitations.renew(memberID: id, tenant: tenant, token: result.invitation.token,
                                           expiresAt: result.invitation.expiresAt) else { throw withdrawn }
            try tx.members.save(result.member)
            try tx.outbox.append(result.events)
            return result.invitation
        }
    }

    /// Creates the tenant's sign-up link, revoking the open ones.
    func createLink(tenant: TenantID, at now: Date) async throws -> CreatedLink {
        try await persistence.write { tx in
            let revoked = try tx.invitations.revokeLinks(tenant: tenant, at: now)
            var generator = SystemRandomNumberGenerator()
            let link = InvitationLink.create(tenantID: tenant, using: &generator)
            let stored = try tx.invitations.insertLink(id: RandomID.make(), tenant: tenant, token: link.token, at: now)
            return CreatedLink(link: stored, token: link.token,
                               allowedEmailDomains: try tx.settings.settings(tenant: tenant).allowedEmailDomains, revoked: revoked)
        }
    }

    /// Closes every open sign-up link of the tenant; returns how many were open.
    @discardableResult
    func revokeLinks(tenant: TenantID, at now: Date) async throws -> Int {
        try await persistence.write { tx in try tx.invitations.revokeLinks(tenant: tenant, at: now) }
    }

    /// The invitation whose token is `token` and its member, to show before accepting;
    /// `nil` for a token that is no invitation's.
    func invitation(token: String) async throws -> (StoredInvitation, Member)? {
        try await persistence.read { tx in
            guard let stored = try tx.invitations.invitation(token: token),
                  let member = try tx.members.member(id: stored.memberID, tenant: stored.tenantID) else { return nil }
            return (stored, member)
        }
    }

    /// Accepts the invitation whose token is `token`: its member becomes Active
    /// (Registered), names as given (else as invited), the welcome email if the tenant
    /// wants it. The token names the tenant.
    func accept(token: String, givenName: String?, familyName: String?, at now: Date) async throws -> Member {
        try await persistence.write { tx in
            guard let stored = try tx.invitations.invitation(token: token) else { throw InvitationError.invalidToken }
            guard let member = try tx.members.member(id: stored.memberID, tenant: stored.tenantID) else {
                throw InvitationError.memberNotPending(stored.memberID)
            }
            let settings = try tx.settings.settings(tenant: stored.tenantID)
            let result = try stored.invitation(token: InvitationToken(token)).accept(
                presentedToken: token, member: member, givenName: givenName ?? member.givenName,
                familyName: familyName ?? member.familyName, settings: settings, at: now)
            try tx.members.save(result.member)
            try tx.outbox.append(result.events)
            try tx.invitations.markRegistered(memberID: member.id, tenant: stored.tenantID, at: now)
            return result.member
        }
    }

    /// Signs `email` up through the link whose token is `token`: the domain is checked
    /// first (a refused address learns nothing about who is a member), then the address
    /// must be free; the member is Active, of source `invitation`.
    func signUp(token: String, email: EmailAddress, givenName: String, familyName: String, at now: Date) async throws -> Member {
        try await persistence.write { tx in
            guard let stored = try tx.invitations.link(token: token) else { throw InvitationError.invalidToken }
            let settings = try tx.settings.settings(tenant: stored.tenantID)
            let link = InvitationLink(tenantID: stored.tenantID, token: InvitationToken(token), isEnabled: stored.isEnabled)
            do {
                try link.checkSignUp(presentedToken: token, email: email, settings: settings)
            } catch InvitationError.domainNotAllowed(let domain) {
                throw ServiceError.forbidden(Self.domainRefusal(domain, allowed: settings.allowedEmailDomains))
            }
            if try tx.members.liveMember(email: email.normalized, tenant: stored.tenantID) != nil {
                throw ServiceError.duplicate("\(email.rawValue) is already registered; sign in instead.")
            }
            let draft = MemberDraft(id: MemberID(RandomID.make()), userName: email.rawValue, givenName: givenName,
                                    familyName: familyName, emails: [email])
            let result = try link.signUp(presentedToken: token, draft: draft, settings: settings, at: now)
            try tx.members.save(result.member)
            try tx.outbox.append(result.events)
            return result.member
        }
    }

    /// Why a sign-up from `domain` is refused, naming the domains the tenant allows.
    static func domainRefusal(_ domain: String, allowed: AllowedEmailDomains) -> String {
        let domains = allowed.domains.sorted()
        guard !domains.isEmpty else {
            return "Addresses at \(domain) may not sign up through this link: this organisation allows no email domain yet. Ask your administrator for an invitation."
        }
        return "Addresses at \(domain) may not sign up through this link; allowed domains: \(domains.joined(separator: ", ")). Use your address at one of them, or ask your administrator for an invitation."
    }

    /// `pending`, `active` or `inactive`.
    static func statusWord(_ status: LocalStatus) -> String {
        switch status {
        case .pending: "pending"
        case .active: "active"
        case .inactive: "inactive"
        }
    }
}

import Coffee
import FoundationEssentials

/// The Member Portal's rules: sign-in by single-use links sent by email, invitations
/// accepted into a signed-in session, sessions that end (sign-out, expiry, revocation),
/// and a member's own profile. Secrets are random 256-bit tokens; the store keeps only
/// their SHA-256; an answer never tells whether an address is a member.
struct PortalService: Sendable {
    /// Where members, links, sessions and events are read and written.
    let persistence: any Persistence
    /// Accepting an invitation is the invitation service's rule.
    let invitations: InvitationService
    /// How long a sign-in link works. Default: 30 minutes.
    var linkLifetime: TimeInterval = 30 * 60
    /// How long a session lasts. Default: 14 days.
    var sessionLifetime: TimeInterval = 14 * 24 * 3_600

    /// A new session: the cookie to set (shown once, stored hashed) and what it holds.
    struct SignedIn: Sendable {
        var cookie: String
        var session: PortalSession
    }

    /// What the profile page shows and edits.
    struct Profile: Sendable {
        var member: Member
        var catalog: CategoryCatalog
        var settings: TenantSettings
    }

    /// Sends a sign-in link to `email` in each organisation where it is a live member
    /// and the portal is on; returns how many were sent (never shown to the client, who
    /// sees the same answer either way).
    @discardableResult
    func requestSignInLink(email: String, at now: Date) async throws -> Int {
        guard let address = try? EmailAddress(email) else { return 0 }
        let lifetime = linkLifetime
        return try await persistence.write { tx in
            var sent = 0
            for member in try tx.members.liveMembers(email: address.normalized) {
                guard try tx.settings.settings(tenant: member.tenantID).isMemberPortalEnabled,
                      let recipient = member.primaryEmail else { continue }
                var generator = SystemRandomNumberGenerator()
                let token = InvitationToken.generate(using: &generator).rawValue
                let linkID = InvitationToken.generate(using: &generator).rawValue
                try tx.portal.insertLink(token: token, tenant: member.tenantID, member: member.id, at: now,
                                         expiresAt: now.addingTimeInterval(lifetime))
                let header = EventHeader(tenantID: member.tenantID, subject: member.id.rawValue,
                                         sequence: member.version, occurredAt: now)
                try tx.outbox.append([.signInLinkRequested(SignInLinkRequested(
                    header: header, email: recipient, givenName: member.givenName, locale: member.locale, token: token,
                    linkID: linkID, validMinutes: Int(lifetime / 60)))])
                sent += 1
            }
            return sent
        }
    }

    /// Signs in with the link whose token is `token`: spends it and opens a session.
    /// An unknown, used or expired link, or a member no longer live, is `expiredLink`.
    func signIn(token: String, at now: Date) async throws -> SignedIn {
        let lifetime = sessionLifetime
        return try await persistence.write { tx in
            guard let (tenant, memberID) = try tx.portal.consumeLink(token: token, at: now),
                  let member = try tx.members.member(id: memberID, tenant: tenant), member.lifecycle == .live else {
                throw PortalRefusal.expiredLink
            }
            guard try tx.settings.settings(tenant: tenant).isMemberPortalEnabled else { throw PortalRefusal.portalOff(tenant) }
            return try Self.openSession(for: member, at: now, lifetime: lifetime, in: tx)
        }
    }

    /// Accepts the invitation whose token is `token` (``InvitationService/accept``) and
    /// signs its member in.
    func acceptInvitation(token: String, givenName: String?, familyName: String?, at now: Date) async throws -> SignedIn {
        let member = try await invitations.accept(token: token, givenName: givenName, familyName: familyName, at: now)
        let lifetime = sessionLifetime
        return try await persistence.write { tx in try Self.openSession(for: member, at: now, lifetime: lifetime, in: tx) }
    }

    /// The live session behind `cookie` at `now`, if its member is still live and its
    /// organisation's portal on; `nil` otherwise (the cookie is then cleared).
    func session(cookie: String, at now: Date) async throws -> PortalSession? {
        try await persistence.read { tx in
            guard let session = try tx.portal.session(id: cookie, at: now),
                  let member = try tx.members.member(id: session.memberID, tenant: session.tenantID),
                  member.lifecycle == .live,
                  try tx.settings.settings(tenant: session.tenantID).isMemberPortalEnabled else { return nil }
            return session
        }
    }

    /// Ends the session behind `cookie`.
    func signOut(cookie: String, at now: Date) async throws {
        try await persistence.write { tx in try tx.portal.revokeSession(id: cookie, at: now) }
    }

    /// The signed-in member's profile.
    func profile(_ session: PortalSession) async throws -> Profile {
        try await persistence.read { tx in
            guard let member = try tx.members.member(id: session.memberID, tenant: session.tenantID) else {
                throw PortalRefusal.signedOut
            }
            return Profile(member: member, catalog: try tx.categories.catalog(tenant: session.tenantID),
                           settings: try tx.settings.settings(tenant: session.tenantID))
        }
    }

    /// Saves the member's own values of the categories it may edit (``LocalStatusTransition/editCategories``):
    /// values the identity provider owns stay read-only.
    func saveCategories(_ values: [CategoryKey: [String]], for session: PortalSession, at now: Date) async throws -> Member {
        try await saveProfile(nil, categories: values, for: session, at: now)
    }

    /// What the profile form changes besides categories.
    struct ProfileFields: Sendable {
        var givenName: String
        var familyName: String
        var locale: String?
        var timeZone: String?
    }

    /// Saves the profile form in one transaction: names, language and time zone
    /// (``ProfileTransition``, not for a member the identity provider provisions), then
    /// the categories the member may edit.
    func saveProfile(_ fields: ProfileFields?, categories values: [CategoryKey: [String]], for session: PortalSession,
                     at now: Date) async throws -> Member {
        try await persistence.write { tx in
            guard var member = try tx.members.member(id: session.memberID, tenant: session.tenantID) else {
                throw PortalRefusal.signedOut
            }
            var events: [DomainEvent] = []
            if let fields {
                let edited = try ProfileTransition.edit(member, givenName: fields.givenName, familyName: fields.familyName,
                                                        locale: fields.locale, timeZone: fields.timeZone, at: now)
                member = edited.member
                events += edited.events
            }
            let catalog = try tx.categories.catalog(tenant: session.tenantID)
            let result = try LocalStatusTransition.editCategories(member, values: values, catalog: catalog, at: now)
            events += result.events
            guard !events.isEmpty else { return member }
            try tx.members.save(result.member)
            try tx.outbox.append(events)
            return result.member
        }
    }

    static func openSession(for member: Member, at now: Date, lifetime: TimeInterval,
                                    in tx: any StorageTransaction) throws -> SignedIn {
        var generator = SystemRandomNumberGenerator()
        let cookie = InvitationToken.generate(using: &generator).rawValue
        let session = PortalSession(tenantID: member.tenantID, memberID: member.id,
                                    csrfToken: InvitationToken.generate(using: &generator).rawValue,
                                    createdAt: now, expiresAt: now.addingTimeInterval(lifetime))
        try tx.portal.insertSession(id: cookie, session)
        return SignedIn(cookie: cookie, session: session)
    }
}

/// Why the portal refuses a request, as a page says it.
enum PortalRefusal: Error, Equatable {
    /// The link is unknown, spent or expired.
    case expiredLink
    /// No live session.
    case signedOut
    /// A form whose fields do not say what to do.
    case badForm
    /// The link is one of this organisation's, whose portal is switched off: the page
    /// says the portal is not available (not that the link expired).
    case portalOff(TenantID)
}

import Coffee
import FoundationEssentials
import HTTP
import SCIM
import Store

/// Invitations (seed README, "Invitations"): by email, listed Pending → Registered, and
/// a shareable sign-up link restricted to the tenant's allowed email domains.
///
/// Admin (admin token):
/// - `POST /api/v1/invitations {email, givenName?, familyName?}` → 201: a `pending`
///   member of source `invitation`, `MemberProvisioned` and `InvitationEmailRequested`
///   in the outbox. The answer carries the acceptance `token`, **once**: the Store keeps
///   only its SHA-256, and no email deliverer is wired yet, so the admin passes the token
///   on (`POST /api/v1/invitations/accept`). 409 if a live member has the address.
/// - `GET /api/v1/invitations[?limit&after]` → the tenant's invitations, oldest first;
///   `GET /api/v1/invitations/{memberId}` → one (404 for another tenant's).
/// - `POST /api/v1/invitation-link` → 201 with a new sign-up link `token` (shown once);
///   previous links are revoked. `DELETE /api/v1/invitation-link` → 204, links revoked.
///
/// Public (no admin token; the token in the body is the credential and names the tenant):
/// - `POST /api/v1/invitations/accept {token, givenName?, familyName?}` → 200: the member
///   becomes Active (Registered), `InvitationAccepted` and the welcome email if the tenant
///   wants it. Names default to those given at invitation. A token that is no
///   invitation's → 400; already used, expired or no longer pending → 410.
/// - `POST /api/v1/signup {token, email, givenName, familyName}` → 201: an Active member
///   of source `invitation`, if the email's domain is in the tenant's
///   `allowedEmailDomains` (`PATCH /api/v1/settings`); otherwise 403 naming the allowed
///   domains. An unknown link token → 400, a revoked link → 410, a taken address → 409.
struct InvitationEndpoints {
    /// The admin API the routes belong to.
    let service: AdminService

    /// `/api/v1/invitations`.
    var collection: String { "\(AdminService.root)/invitations" }
    /// `/api/v1/invitation-link`.
    var link: String { "\(AdminService.root)/invitation-link" }

    /// Registers the admin invitation routes (admin token).
    func register(on router: inout Router) {
        router.add(.post, collection) { request in
            await service.authenticated(request) { context in try await invite(context) }
        }
        router.add(.get, collection) { request in
            await service.authenticated(request) { context in
                let tenant = context.tenant
                let limit = try context.limit()
                let after = try context.cursor()
                let invitations = try await service.read { db in
                    try db.invitations.page(tenant: tenant, after: after, limit: limit)
                }
                let items = invitations.map { Self.json($0, at: context.now) }
                return AdminJSON.response(200, AdminJSON.page(items, next: invitations.count == limit ? invitations.last?.seq : nil))
            }
        }
        router.add(.get, "\(collection)/{memberId}") { request in
            await service.authenticated(request) { context in
                let tenant = context.tenant
                let id = context.parameter("memberId")
                guard let invitation = try await service.read({ db in
                    try db.invitations.invitation(memberID: MemberID(id), tenant: tenant)
                }) else { throw SCIMError.notFound("Invitation of member '\(id)' not found.") }
                return AdminJSON.response(200, Self.json(invitation, at: context.now))
            }
        }
        router.add(.post, link) { request in
            await service.authenticated(request) { context in try await createLink(context) }
        }
        router.add(.delete, link) { request in
            await service.authenticated(request) { context in
                let tenant = context.tenant
                let now = context.now
                _ = try await service.write { db in try db.invitations.revokeLinks(tenant: tenant, at: now) }
                return SCIMResponses.noContent()
            }
        }
    }

    /// Registers the public invitation routes, where the token in the body is the
    /// credential: accepting an invitation and signing up through a link.
    func registerPublic(on router: inout Router) {
        router.add(.post, "\(collection)/accept") { request in
            await service.unauthenticated(request) { body, now in try await accept(body, at: now) }
        }
        router.add(.post, "\(AdminService.root)/signup") { request in
            await service.unauthenticated(request) { body, now in try await signUp(body, at: now) }
        }
    }

    // MARK: - Admin

    /// `POST /invitations`.
    func invite(_ context: AdminContext) async throws -> HTTPResponse {
        let body = try context.jsonObject()
        let email = try EmailAddress(try Self.string(body, "email", required: true))
        let givenName = try Self.string(body, "givenName")
        let familyName = try Self.string(body, "familyName")
        let tenant = context.tenant
        let now = context.now
        let lifetime = service.settings.invitationLifetime
        let invitation = try await service.write { db -> Invitation in
            if let existing = try db.members.liveMember(email: email.normalized, tenant: tenant) {
                throw SCIMError.uniqueness("\(email.rawValue) is already a member (\(Self.statusWord(existing.localStatus))); no invitation was sent.")
            }
            let settings = try db.settings.settings(tenant: tenant)
            var generator = SystemRandomNumberGenerator()
            // Names the admin knew (the email greets by the given name); the person may change them when accepting.
            let result = try Invitation.invite(email, memberID: MemberID(RandomID.make()), tenantID: tenant,
                                               settings: settings, givenName: givenName, familyName: familyName,
                                               lifetime: lifetime, at: now, using: &generator)
            try db.members.save(result.member)
            try db.outbox.append(result.events)
            try db.invitations.insert(result.invitation)
            return result.invitation
        }
        let stored = StoredInvitation(seq: 0, tenantID: tenant, memberID: invitation.memberID, email: invitation.email,
                                      status: .pending, createdAt: invitation.createdAt, expiresAt: invitation.expiresAt)
        guard case .object(var json) = Self.json(stored, at: now) else { return AdminJSON.response(500, .null) }
        json["token"] = .string(invitation.token.rawValue)
        json["acceptPath"] = .string("\(collection)/accept")
        return AdminJSON.response(201, .object(json),
                                  headers: [("Location", "\(collection)/\(invitation.memberID.rawValue)")])
    }

    /// `POST /invitation-link`.
    func createLink(_ context: AdminContext) async throws -> HTTPResponse {
        let tenant = context.tenant
        let now = context.now
        let (link, token, settings, revoked) = try await service.write { db in
            let revoked = try db.invitations.revokeLinks(tenant: tenant, at: now)
            var generator = SystemRandomNumberGenerator()
            let link = InvitationLink.create(tenantID: tenant, using: &generator)
            let stored = try db.invitations.insertLink(id: RandomID.make(), tenant: tenant, token: link.token, at: now)
            return (stored, link.token.rawValue, try db.settings.settings(tenant: tenant), revoked)
        }
        return AdminJSON.response(201, AdminJSON.object([
            ("id", .string(link.id)),
            ("token", .string(token)),
            ("signupPath", .string("\(AdminService.root)/signup")),
            ("createdAt", AdminJSON.date(link.createdAt)),
            ("allowedEmailDomains", AdminJSON.strings(settings.allowedEmailDomains.domains.sorted())),
            ("revokedLinks", .integer(Int64(revoked))),
        ]))
    }

    // MARK: - Public

    /// `POST /invitations/accept`.
    func accept(_ body: JSONObject, at now: Date) async throws -> HTTPResponse {
        let token = try Self.string(body, "token", required: true)
        let givenName = try Self.optionalString(body, "givenName")
        let familyName = try Self.optionalString(body, "familyName")
        let member = try await service.write { db -> Member in
            guard let stored = try db.invitations.invitation(token: token) else {
                throw InvitationError.invalidToken
            }
            guard let member = try db.members.member(id: stored.memberID, tenant: stored.tenantID) else {
                throw InvitationError.memberNotPending(stored.memberID)
            }
            let settings = try db.settings.settings(tenant: stored.tenantID)
            let result = try stored.invitation(token: InvitationToken(token)).accept(
                presentedToken: token, member: member, givenName: givenName ?? member.givenName,
                familyName: familyName ?? member.familyName, settings: settings, at: now)
            try db.members.save(result.member)
            try db.outbox.append(result.events)
            try db.invitations.markRegistered(memberID: member.id, tenant: stored.tenantID, at: now)
            return result.member
        }
        return AdminJSON.response(200, Self.json(registered: member))
    }

    /// `POST /signup`.
    func signUp(_ body: JSONObject, at now: Date) async throws -> HTTPResponse {
        let token = try Self.string(body, "token", required: true)
        let email = try EmailAddress(try Self.string(body, "email", required: true))
        let givenName = try Self.string(body, "givenName")
        let familyName = try Self.string(body, "familyName")
        let member = try await service.write { db -> Member in
            guard let stored = try db.invitations.link(token: token) else { throw InvitationError.invalidToken }
            let settings = try db.settings.settings(tenant: stored.tenantID)
            let link = InvitationLink(tenantID: DomainTenantID(stored.tenantID.rawValue), token: InvitationToken(token),
                                      isEnabled: stored.isEnabled)
            do {
                // Domain first: a refused address learns nothing about who is a member.
                try link.checkSignUp(presentedToken: token, email: email, settings: settings)
            } catch InvitationError.domainNotAllowed(let domain) {
                throw Self.domainRefusal(domain, allowed: settings.allowedEmailDomains)
            }
            if try db.members.liveMember(email: email.normalized, tenant: stored.tenantID) != nil {
                throw SCIMError.uniqueness("\(email.rawValue) is already registered; sign in instead.")
            }
            let draft = MemberDraft(id: MemberID(RandomID.make()), userName: email.rawValue, givenName: givenName,
                                    familyName: familyName, emails: [email])
            let result = try link.signUp(presentedToken: token, draft: draft, settings: settings, at: now)
            try db.members.save(result.member)
            try db.outbox.append(result.events)
            return result.member
        }
        return AdminJSON.response(201, Self.json(registered: member))
    }

    /// The 403 of a sign-up from a domain the tenant does not allow, naming those it does.
    static func domainRefusal(_ domain: String, allowed: AllowedEmailDomains) -> SCIMError {
        let domains = allowed.domains.sorted()
        guard !domains.isEmpty else {
            return .forbidden("Addresses at \(domain) may not sign up through this link: this organisation allows no email domain yet. Ask your administrator for an invitation.")
        }
        return .forbidden("Addresses at \(domain) may not sign up through this link; allowed domains: \(domains.joined(separator: ", ")). Use your address at one of them, or ask your administrator for an invitation.")
    }

    // MARK: - Rendering and reading

    /// An invitation: `memberId`, `email`, `status` (`pending`/`registered`), `expired`,
    /// `createdAt`, `expiresAt`, `acceptedAt`.
    static func json(_ invitation: StoredInvitation, at date: Date) -> JSONValue {
        AdminJSON.object([
            ("memberId", .string(invitation.memberID.rawValue)),
            ("email", .string(invitation.email.rawValue)),
            ("status", .string(invitation.status.rawValue)),
            ("expired", .bool(invitation.isExpired(at: date))),
            ("createdAt", AdminJSON.date(invitation.createdAt)),
            ("expiresAt", AdminJSON.date(invitation.expiresAt)),
            ("acceptedAt", AdminJSON.date(invitation.acceptedAt)),
        ])
    }

    /// What the public endpoints tell the person who registered: their member, briefly.
    static func json(registered member: Member) -> JSONValue {
        AdminJSON.object([
            ("memberId", .string(member.id.rawValue)),
            ("email", AdminJSON.string(member.primaryEmail?.rawValue)),
            ("givenName", .string(member.givenName)),
            ("familyName", .string(member.familyName)),
            ("localStatus", .string(statusWord(member.localStatus))),
        ])
    }

    /// `pending`, `active` or `inactive`.
    static func statusWord(_ status: LocalStatus) -> String {
        switch status {
        case .pending: "pending"
        case .active: "active"
        case .inactive: "inactive"
        }
    }

    /// The string member `name`, trimmed; `""` when absent unless `required`.
    static func string(_ body: JSONObject, _ name: String, required: Bool = false) throws(SCIMError) -> String {
        guard let text = try optionalString(body, name) else {
            if required { throw .invalidValue("'\(name)' is required.") }
            return ""
        }
        return text
    }

    /// The string member `name`, trimmed, or `nil` when absent or null.
    static func optionalString(_ body: JSONObject, _ name: String) throws(SCIMError) -> String? {
        guard let value = body[attribute: name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw .invalidValue("'\(name)' must be a string.") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

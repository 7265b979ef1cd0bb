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
/// - `POST /api/v1/invitations/{memberId}/resend` → 200: a pending invitation (expired
///   or not) gets a new token (shown once; the old one stops working), a new expiry and
///   a new `InvitationEmailRequested`; 409 when accepted already or withdrawn.
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
                let limit = try context.limit()
                let invitations = try await service.invitations.invitations(tenant: context.tenant, after: try context.cursor(),
                                                                            limit: limit)
                let items = invitations.map { Self.json($0, at: context.now) }
                return AdminJSON.response(200, AdminJSON.page(items, next: invitations.count == limit ? invitations.last?.seq : nil))
            }
        }
        router.add(.get, "\(collection)/{memberId}") { request in
            await service.authenticated(request) { context in
                let invitation = try await service.invitations.invitation(of: MemberID(context.parameter("memberId")),
                                                                          tenant: context.tenant)
                return AdminJSON.response(200, Self.json(invitation, at: context.now))
            }
        }
        router.add(.post, "\(collection)/{memberId}/resend") { request in
            await service.authenticated(request) { context in try await resend(context) }
        }
        router.add(.post, link) { request in
            await service.authenticated(request) { context in try await createLink(context) }
        }
        router.add(.delete, link) { request in
            await service.authenticated(request) { context in
                try await service.invitations.revokeLinks(tenant: context.tenant, at: context.now)
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
        let now = context.now
        // Names the admin knew (the email greets by the given name); the person may change them when accepting.
        let invitation = try await service.invitations.invite(email, givenName: givenName, familyName: familyName,
                                                              tenant: context.tenant, at: now)
        return AdminJSON.response(201, created(invitation, at: now),
                                  headers: [("Location", "\(collection)/\(invitation.memberID.rawValue)")])
    }

    /// `POST /invitations/{memberId}/resend`: a new token (shown once) and expiry, a new
    /// email; 409 when accepted or withdrawn.
    func resend(_ context: AdminContext) async throws -> HTTPResponse {
        let invitation = try await service.invitations.resend(MemberID(context.parameter("memberId")), tenant: context.tenant,
                                                              at: context.now)
        return AdminJSON.response(200, created(invitation, at: context.now))
    }

    /// A pending invitation just sent, with its token (shown this once) and where to accept it.
    func created(_ invitation: Invitation, at now: Date) -> JSONValue {
        let stored = StoredInvitation(seq: 0, tenantID: invitation.tenantID, memberID: invitation.memberID, email: invitation.email,
                                      status: .pending, createdAt: invitation.createdAt, expiresAt: invitation.expiresAt)
        guard case .object(var json) = Self.json(stored, at: now) else { return .null }
        json["token"] = .string(invitation.token.rawValue)
        json["acceptPath"] = .string("\(collection)/accept")
        return .object(json)
    }

    /// `POST /invitation-link`.
    func createLink(_ context: AdminContext) async throws -> HTTPResponse {
        let created = try await service.invitations.createLink(tenant: context.tenant, at: context.now)
        return AdminJSON.response(201, AdminJSON.object([
            ("id", .string(created.link.id)),
            ("token", .string(created.token.rawValue)),
            ("signupPath", .string("\(AdminService.root)/signup")),
            ("createdAt", AdminJSON.date(created.link.createdAt)),
            ("allowedEmailDomains", AdminJSON.strings(created.allowedEmailDomains.domains.sorted())),
            ("revokedLinks", .integer(Int64(created.revoked))),
        ]))
    }

    // MARK: - Public

    /// `POST /invitations/accept`.
    func accept(_ body: JSONObject, at now: Date) async throws -> HTTPResponse {
        let token = try Self.string(body, "token", required: true)
        let givenName = try Self.optionalString(body, "givenName")
        let familyName = try Self.optionalString(body, "familyName")
        let member = try await service.invitations.accept(token: token, givenName: givenName, familyName: familyName, at: now)
        return AdminJSON.response(200, Self.json(registered: member))
    }

    /// `POST /signup`.
    func signUp(_ body: JSONObject, at now: Date) async throws -> HTTPResponse {
        let token = try Self.string(body, "token", required: true)
        let email = try EmailAddress(try Self.string(body, "email", required: true))
        let givenName = try Self.string(body, "givenName")
        let familyName = try Self.string(body, "familyName")
        let member = try await service.invitations.signUp(token: token, email: email, givenName: givenName,
                                                          familyName: familyName, at: now)
        return AdminJSON.response(201, Self.json(registered: member))
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
            ("localStatus", .string(InvitationService.statusWord(member.localStatus))),
        ])
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

import Coffee
import FoundationEssentials
import HTTP
import Store
import SCIM
import Web

/// The admin console (issue 13) at `/admin`, served by `percolator serve`: sign-in with
/// an admin token or a magic link, then pages over the same application services as the
/// admin API (``ApplicationServices``), so the two never disagree. Pages are rendered by
/// `Web` (Sources/Web/Console).
///
/// Security (web.md): sessions are opaque random cookies (`HttpOnly`, `SameSite=Lax`,
/// `Secure` when the public URL is https) behind server-side rows (migration 0018),
/// revoked at sign-out; every POST carries a CSRF token (the session's, or a
/// double-submit cookie before sign-in) and is refused when `Origin`/`Sec-Fetch-Site`
/// say it came from elsewhere. A program manager reaches Home and Programs only, and of
/// those the programs it owns (``ProgramViewer``); another organisation's ids, and a
/// program manager's other programs, answer 404.
struct ConsoleEndpoints: Sendable {
    let console: ConsoleService
    let services: ApplicationServices
    let tenants: any TenantStore
    /// The public URL (cookies are `Secure` when https; the SCIM base URL shown).
    let publicURL: String
    let clock: @Sendable () -> Date
    /// The largest CSV file the import accepts (the admin API's `import-max-bytes`).
    var importMaxBytes = AdminServiceSettings().importMaxBytes
    /// The reverse proxies whose `X-Forwarded-For` names the client (`trusted-proxies`).
    var trustedProxies = TrustedProxies()
    /// The CSV files uploaded to the import, between its steps.
    let uploads = ConsoleUploads()

    /// Magic links asked for one address: 5 per quarter of an hour.
    let linksPerAddress = RateLimiter(name: "console-sign-in-address", policy: RateLimitPolicy(rate: 5.0 / 900, burst: 5))
    /// Magic links asked for by one client (``TrustedProxies/clientAddress(of:)``), whatever
    /// the addresses: 20 per quarter of an hour, as the portal's. Without it one client
    /// could ask for links to any number of addresses, mailing every listed one.
    let linksPerClient = RateLimiter(name: "console-sign-in-client", policy: RateLimitPolicy(rate: 20.0 / 900, burst: 20))
    /// Admin-token sign-ins tried by one client: a burst of 20, then one every 10 seconds.
    /// Per client, not per instance: one bucket for the whole instance let anyone keep
    /// every organisation's administrators from signing in with a right token (a little
    /// over one wrong try a second did it). Tokens carry 256 random bits: the limit bounds
    /// the work a client causes, not a guessing game.
    let tokenAttempts = RateLimiter(name: "console-token", policy: RateLimitPolicy(rate: 0.1, burst: 20))

    /// The bucket key of the client that sent `request`, for ``tokenAttempts`` and ``linksPerClient``.
    func clientKey(_ request: HTTPRequest) -> TenantID {
        TenantID(rawValue: "client:" + trustedProxies.clientAddress(of: request))
    }

    static let sessionCookie = "percolator_console"
    static let formCookie = "percolator_console_form"
    var isSecure: Bool { SetCookie.isSecure(publicURL: publicURL) }

    /// Who may reach a page.
    enum Access {
        /// Anyone (sign-in pages).
        case anyone
        /// Signed in, any role.
        case signedIn
        /// Signed in as an administrator.
        case administrator
    }

    func register(on router: inout Router) {
        router.add(.get, ConsoleAssets.stylesheet.path) { _ in PortalResponses.asset(ConsoleAssets.stylesheet) }
        router.add(.get, ConsolePaths.home) { request in
            await handle(request, access: .signedIn) { visit in try await home(visit) }
        }
        registerSignIn(on: &router)
        registerMembers(on: &router)
        registerPrograms(on: &router)
        registerConnect(on: &router)
        // console-a: import, categories and IdP mapping, exports
        registerImport(on: &router)
        registerCategories(on: &router)
        registerExports(on: &router)
        // Statistics, preview, program lifecycle (console-b)
        registerStatistics(on: &router)
        registerProgramEdit(on: &router)
        registerMemberStatus(on: &router)
        // Slack, Teams and HR system connections (issue 14)
        registerConnections(on: &router)
        router.add(.get, ConsolePaths.invitations) { request in
            await handle(request, access: .administrator) { visit in
                let t = ConsoleLocalizer(visit.language)
                let notice: String? = switch request.query("notice") {
                case "domains": t(.domainsSaved)
                case "closed": t(.signUpLinksClosed, ["count": request.query("count").flatMap { Int($0) }.map(String.init) ?? "0"])
                default: nil
                }
                return try await invitationsPage(visit, notice: notice)
            }
        }
        // The shareable sign-up link and its allowed domains (issue 13, item 5)
        router.add(.post, ConsolePaths.signUpLink) { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let created = try await services.invitations.createLink(tenant: visit.tenant, at: visit.now)
                var base = publicURL
                while base.hasSuffix("/") { base.removeLast() }
                let url = base + PortalPaths().signUp + "?token=" + created.token.rawValue
                // Shown in this answer only: the link's token is stored hashed.
                return try await invitationsPage(visit, signUp: .init(newLink: url, closedLinks: created.revoked))
            }
        }
        router.add(.post, ConsolePaths.signUpLinkClose) { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let closed = try await services.invitations.revokeLinks(tenant: visit.tenant, at: visit.now)
                return Self.redirect(to: ConsolePaths.invitations + "?notice=closed&count=\(closed)")
            }
        }
        router.add(.post, ConsolePaths.signUpDomains) { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let text = visit.form?[ConsoleField.domains] ?? ""
                let domains = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map { JSONValue.string(String($0)) }
                if let refusal = try await changeSetting("allowedEmailDomains", to: .array(domains), tenant: visit.tenant) {
                    return try await invitationsPage(visit, signUp: .init(problem: refusal), status: 400)
                }
                return Self.redirect(to: ConsolePaths.invitations + "?notice=domains")
            }
        }
        // Resending a pending invitation (issue 13, item 5; console-a)
        router.add(.post, ConsolePaths.invitations + "/{id}/resend") { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                try await resendInvitation(MemberID(request.pathParameters["id"] ?? ""), visit)
            }
        }
        router.add(.post, ConsolePaths.invitations) { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let text = visit.form?[ConsoleField.addresses] ?? ""
                let words = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
                guard !words.isEmpty, words.count <= 500 else { return visit.message(.badRequest) }
                var invited = 0, refused: [String] = []
                for word in words {
                    guard let address = try? EmailAddress(word) else { refused.append(word); continue }
                    do {
                        _ = try await services.invitations.invite(address, givenName: "", familyName: "", tenant: visit.tenant, at: visit.now)
                        invited += 1
                    } catch ServiceError.duplicate {
                        refused.append(word)
                    }
                }
                return try await invitationsPage(visit, invited: invited, refused: refused)
            }
        }
        router.add(.get, ConsolePaths.emails) { request in
            await handle(request, access: .administrator) { visit in try await emails(visit) }
        }
        // Retry of a failed email (issue 13, item 9), as `POST /api/v1/events/{seq}/retry`
        router.add(.post, ConsolePaths.emails + "/{seq}/retry") { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                guard let seq = request.pathParameters["seq"].flatMap({ Int64($0) }), seq > 0 else { return visit.message(.notFound) }
                do {
                    let entry = try await services.tenant.retryEmail(seq: seq, tenant: visit.tenant, at: visit.now)
                    return try await emails(visit, retry: .dueAgain(recipient: Self.recipient(of: entry)))
                } catch ServiceError.conflict {
                    return try await emails(visit, retry: .refused, status: 409)
                }
            }
        }
        let coming: [(String, ConsoleContext.Section, String)] = []
        for (path, section, endpoint) in coming {
            router.add(.get, path) { request in
                await handle(request, access: .administrator) { visit in
                    visit.page(ConsoleMessagePage(.comingSoon(endpoint: endpoint)), section: section)
                }
            }
        }
    }

    private func home(_ visit: ConsoleVisit) async throws -> HTTPResponse {
        let overview = try await console.overview(tenant: visit.tenant, at: visit.now, visibleTo: visit.programViewer)
        let counts = visit.session?.role.seesEverything == true
            ? ConsoleHomePage.StatusCounts(active: overview.statusCounts["active"] ?? 0, pending: overview.statusCounts["pending"] ?? 0,
                                           inactive: overview.statusCounts["inactive"] ?? 0, deprovisioned: overview.deprovisioned,
                                           emailsWaiting: overview.emails.waiting, emailsFailed: overview.emails.failed)
            : nil
        let next = overview.nextSessions.map { entry in
            ConsoleHomePage.NextSession(programName: entry.program?.name ?? entry.session.programID.rawValue,
                                        matchAt: Self.format(entry.session.matchAt), sessionID: entry.session.id.rawValue)
        }
        let health = visit.session?.role.seesEverything == true ? try await provisioningHealth(visit) : nil
        return visit.page(ConsoleHomePage(counts: counts, nextSessions: next, health: health), section: .home)
    }

    /// Sends the pending invitation of member `id` again, as `POST
    /// /api/v1/invitations/{id}/resend`; the page says so, or why not (409). Another
    /// tenant's id, or no invitation, is the 404 page.
    private func resendInvitation(_ id: MemberID, _ visit: ConsoleVisit) async throws -> HTTPResponse {
        do {
            let invitation = try await services.invitations.resend(id, tenant: visit.tenant, at: visit.now)
            return try await invitationsPage(visit, resend: .sent(email: invitation.email.rawValue,
                                                                  expires: Self.format(invitation.expiresAt)))
        } catch ServiceError.conflict {
            let stored = try await services.invitations.invitation(of: id, tenant: visit.tenant)
            let email = stored.email.rawValue
            return try await invitationsPage(visit, resend: stored.status == .registered ? .alreadyRegistered(email: email)
                                                                                          : .withdrawn(email: email), status: 409)
        }
    }

    private func invitationsPage(_ visit: ConsoleVisit, invited: Int? = nil, refused: [String] = [],
                                 signUp: ConsoleInvitationsPage.SignUp = .init(), resend: ConsoleInvitationsPage.Resend? = nil,
                                 notice: String? = nil, status: Int = 200) async throws -> HTTPResponse {
        let invitations = try await services.invitations.invitations(tenant: visit.tenant, after: 0, limit: 1_000)
        let rows = invitations.map { invitation in
            ConsoleInvitationsPage.Row(email: invitation.email.rawValue, status: invitation.status == .registered ? "registered" : "pending",
                                       expires: Self.format(invitation.expiresAt), memberID: invitation.memberID.rawValue,
                                       isExpired: invitation.isExpired(at: visit.now))
        }
        var page = ConsoleInvitationsPage(rows: rows, invited: invited, refused: refused)
        page.resend = resend
        page.signUp = signUp
        page.signUp.allowedDomains = try await services.tenant.settings(tenant: visit.tenant).allowedEmailDomains.domains.sorted()
        return visit.page(page, section: .invitations, status: status, notice: notice)
    }

    /// Sets the tenant setting `name` to `value` as `PATCH /api/v1/settings` would (the
    /// same checks); returns why it was refused, or nil when it was saved.
    func changeSetting(_ name: String, to value: JSONValue, tenant: TenantID) async throws -> String? {
        var change = JSONObject()
        change[name] = value
        let body = change
        do {
            _ = try await services.tenant.changeSettings(tenant: tenant) { settings in try TenantEndpoints.apply(body, to: &settings) }
            return nil
        } catch let error as SCIMError {
            return error.detail
        }
    }

    /// Emails per page of the outbox list.
    static let emailsPerPage = 100

    private func emails(_ visit: ConsoleVisit, retry: ConsoleEmailsPage.Retry? = nil, status: Int = 200) async throws -> HTTPResponse {
        let after = visit.request.query(ConsoleField.after).flatMap { Int64($0) }.map { max(0, $0) } ?? 0
        // The outbox also records events that send nothing: read on until a page of emails.
        var rows: [ConsoleEmailsPage.Row] = [], cursor = after, next: Int64?
        for _ in 0..<20 {
            let entries = try await services.tenant.events(tenant: visit.tenant, after: cursor, limit: 500, kind: nil)
            for entry in entries where entry.channel == "email" {
                guard rows.count < Self.emailsPerPage else { next = cursor; break }
                let state = entry.status == .delivered ? "delivered" : (entry.status == .failed ? "failed" : "pending")
                rows.append(.init(when: Self.format(entry.occurredAt), kind: Self.eventLabel(entry.kind, ConsoleLocalizer(visit.language)), recipient: Self.recipient(of: entry),
                                  state: state, problem: entry.lastError ?? "", seq: String(entry.seq)))
                cursor = entry.seq
            }
            if next != nil || entries.count < 500 { break }
            cursor = entries.last?.seq ?? cursor
        }
        var page = ConsoleEmailsPage(rows: rows, next: next.map(String.init))
        page.retry = retry
        return visit.page(page, section: .emails, status: status)
    }

    /// To whom an email entry goes: its address, or an introduction's members' addresses.
    static func recipient(of entry: OutboxEntry) -> String {
        entry.payload.email ?? entry.payload.introduction.map { $0.members.compactMap(\.email).joined(separator: ", ") } ?? ""
    }

    /// `date` as `yyyy-mm-dd hh:mm UTC`.
    static func format(_ date: Date) -> String {
        let text = date.formatted(.iso8601.year().month().day().dateTimeSeparator(.space).time(includingFractionalSeconds: false))
        return String(text.prefix(16)) + " UTC"
    }

    /// `303 See Other` to `location`, one of our own paths.
    static func redirect(to location: String, cookies: [SetCookie] = []) -> HTTPResponse {
        PortalResponses.redirect(to: location, cookies: cookies)
    }

    // MARK: - One request

    /// Runs `body` for `request` with its visit (session, language, form): a page behind
    /// a role check sends a signed-out visitor to sign-in and a program manager to a 403;
    /// an unsafe request must come from our own origin and carry the right CSRF token.
    func handle(_ request: HTTPRequest, access: Access, unsafe: Bool = false,
                _ body: (ConsoleVisit) async throws -> HTTPResponse) async -> HTTPResponse {
        await ErrorLog.$requestID.withValue(request.requestID) {
            let now = clock()
            var visit = ConsoleVisit(request: request, now: now, isSecure: isSecure)
            do {
                if let cookie = visit.cookie { visit.session = try await console.session(cookie: cookie, at: now) }
                if let session = visit.session, let tenant = try await tenants.tenant(id: session.tenantID) {
                    visit.organisationName = tenant.name
                }
                switch access {
                case .anyone: break
                case .signedIn, .administrator:
                    guard let session = visit.session else {
                        return unsafe ? visit.message(.formExpired) : Self.redirect(to: ConsolePaths.signIn)
                    }
                    if access == .administrator, !session.role.seesEverything { return visit.message(.forbidden) }
                }
                if unsafe {
                    do throws(WebFormRefusal) {
                        try visit.web.admitForm(publicURL: publicURL, csrfField: ConsoleField.csrf)
                    } catch {
                        return visit.message(error == .malformed ? .badRequest : .formExpired)
                    }
                }
                return try await body(visit)
            } catch let error as ServiceError {
                if case .notFound = error { return visit.message(.notFound) }
                return visit.message(.badRequest)
            } catch is MemberError, is SessionError, is ProgramError {
                return visit.message(.badRequest)
            } catch {
                ErrorLog.unexpected(error, context: "console")
                var response = visit.message(.badRequest)
                response.status = 500
                return response
            }
        }
    }
}

import Coffee
import FoundationEssentials
import HTTP
import Store
import Web

/// The Member Portal (issue 12), served by `percolator serve` at the root of its public
/// URL: sign-in by email link, invitation acceptance, the member's profile, sign-out.
/// Pages are rendered by `Web`; every rule is a ``PortalService`` call.
///
/// Security (web.md): sessions are opaque random cookies (`HttpOnly`, `SameSite=Lax`,
/// `Secure` when the public URL is https) behind server-side rows; every POST carries a
/// CSRF token (the session's, or a double-submit cookie before sign-in) and is refused
/// when `Origin`/`Sec-Fetch-Site` say it came from elsewhere; links are single use and
/// confirmed by a POST, so a mail scanner's GET spends nothing.
struct PortalEndpoints: Sendable {
    let portal: PortalService
    let invitations: InvitationService
    /// Members' choices about programs (leave, snooze) are the program service's rules.
    let programService: ProgramService
    /// A member's own snooze is the member service's rule.
    let members: MemberService
    let tenants: any TenantStore
    /// The portal's public URL (emails link to it; cookies are `Secure` when https).
    let publicURL: String
    let clock: @Sendable () -> Date
    /// The reverse proxies whose `X-Forwarded-For` names the client (`trusted-proxies`).
    var trustedProxies = TrustedProxies()

    /// Sign-in links asked for one address: 5 per quarter of an hour, whoever asks and
    /// whether or not the address is a member's (the answer is the same page either way).
    let linksPerAddress = RateLimiter(name: "sign-in-address", policy: RateLimitPolicy(rate: 5.0 / 900, burst: 5))
    /// Sign-in and sign-up links asked for by one client (``TrustedProxies/clientAddress(of:)``:
    /// the connection's peer, or behind a trusted proxy the address it forwards for):
    /// 20 per quarter of an hour, whatever the addresses asked for.
    let linksPerClient = RateLimiter(name: "sign-in-client", policy: RateLimitPolicy(rate: 20.0 / 900, burst: 20))
    /// Sign-in links asked for through this instance, all addresses together: a burst of
    /// 100, then 2 per second.
    let linksOverall = RateLimiter(name: "sign-in", policy: RateLimitPolicy(rate: 2, burst: 100))

    static let sessionCookie = "percolator_session"
    static let formCookie = "percolator_form"
    var paths: PortalPaths { PortalPaths() }
    var isSecure: Bool { SetCookie.isSecure(publicURL: publicURL) }

    func register(on router: inout Router) {
        for asset in PortalAssets.all {
            router.add(.get, asset.path) { _ in PortalResponses.asset(asset) }
        }
        router.add(.get, paths.home) { request in
            await handle(request) { visit in
                PortalResponses.redirect(to: visit.session == nil ? paths.signIn : paths.profile)
            }
        }
        router.add(.get, paths.signIn) { request in
            await handle(request) { visit in visit.page(SignInPage(), at: paths.signIn) }
        }
        router.add(.post, paths.signIn) { request in
            await handle(request, unsafe: true) { visit in
                let email = visit.form?[PortalField.email]?.trimmingCharacters(in: .whitespaces) ?? ""
                guard (try? EmailAddress(email)) != nil else {
                    return visit.page(SignInPage(email: email, isEmailInvalid: true), at: paths.signIn, status: 400)
                }
                let folded = TenantID(rawValue: "sign-in:" + email.lowercased())
                if case .refused = linksPerAddress.take(folded) { return visit.error(.tooManyRequests) }
                if case .refused = takeClientLink(request) { return visit.error(.tooManyRequests) }
                if case .refused = linksOverall.take(TenantID(rawValue: "sign-in")) { return visit.error(.tooManyRequests) }
                try await portal.requestSignInLink(email: email, at: visit.now)
                // The same page whether or not the address is a member's.
                return visit.page(CheckEmailPage(email: email, expiresInMinutes: Int(portal.linkLifetime / 60)), at: paths.signIn)
            }
        }
        router.add(.get, paths.signInLink) { request in
            await handle(request) { visit in
                visit.page(LinkConfirmationPage(.signIn, token: request.query(PortalField.token) ?? ""), at: paths.signInLink)
            }
        }
        router.add(.post, paths.signInLink) { request in
            await handle(request, unsafe: true) { visit in
                let signedIn = try await portal.signIn(token: visit.form?[PortalField.token] ?? "", at: visit.now)
                return PortalResponses.redirect(to: paths.profile, cookies: sessionCookies(signedIn))
            }
        }
        router.add(.get, paths.invitationAccept) { request in
            await handle(request) { visit in
                let token = request.query(PortalField.token) ?? ""
                guard let (invitation, member) = try await invitations.invitation(token: token),
                      invitation.status == .pending, !invitation.isExpired(at: visit.now) else {
                    return visit.error(.expiredLink)
                }
                // The invitation names its organisation: the page is in its name, not Percolator's.
                var visit = visit
                if let tenant = try await tenants.tenant(id: invitation.tenantID) { visit.organisationName = tenant.name }
                return visit.page(InvitationPage(token: token, email: invitation.email.rawValue, givenName: member.givenName,
                                                 familyName: member.familyName,
                                                 expiresOn: String(invitation.expiresAt.formatted(.iso8601.year().month().day()))),
                                  at: paths.invitationAccept)
            }
        }
        router.add(.post, paths.invitationAccept) { request in
            await handle(request, unsafe: true) { visit in
                let form = visit.form
                let givenName = form?[PortalField.givenName]?.trimmingCharacters(in: .whitespaces) ?? ""
                let familyName = form?[PortalField.familyName]?.trimmingCharacters(in: .whitespaces) ?? ""
                let token = form?[PortalField.token] ?? ""
                guard !givenName.isEmpty, !familyName.isEmpty else {
                    let email = try await invitations.invitation(token: token)?.0.email.rawValue ?? ""
                    return visit.page(InvitationPage(token: token, email: email, givenName: givenName, familyName: familyName,
                                                     expiresOn: "", isNameMissing: true), at: paths.invitationAccept, status: 400)
                }
                let signedIn = try await portal.acceptInvitation(token: token, givenName: givenName, familyName: familyName,
                                                                 at: visit.now)
                return PortalResponses.redirect(to: paths.profile, cookies: sessionCookies(signedIn))
            }
        }
        router.add(.get, paths.profile) { request in
            await handle(request) { visit in
                guard let session = visit.session else { return PortalResponses.redirect(to: paths.signIn) }
                let profile = try await portal.profile(session)
                return visit.page(Self.profilePage(profile, language: visit.language), at: paths.profile, section: .profile,
                                  memberName: Self.name(of: profile.member))
            }
        }
        router.add(.post, paths.profile) { request in
            await handle(request, unsafe: true) { visit in
                guard let session = visit.session, let form = visit.form else { return PortalResponses.redirect(to: paths.signIn) }
                var values: [CategoryKey: [String]] = [:]
                let profile = try await portal.profile(session)
                for key in form.values(for: PortalField.categoryPresent) {
                    // Only what the member may edit is sent back; IdP-owned values stay as they are.
                    guard let category = profile.catalog[CategoryKey(key)], category.isMemberEditable, !category.isReadOnly else { continue }
                    values[CategoryKey(key)] = form.values(for: PortalField.category(key)).filter { !$0.isEmpty }
                }
                let zone = form[PortalField.timeZone].flatMap { TimeZone(identifier: $0) != nil ? $0 : nil }
                let language = form[PortalField.language].flatMap { Language(tag: $0)?.tag }
                let fields = PortalService.ProfileFields(givenName: form[PortalField.givenName] ?? profile.member.givenName,
                                                         familyName: form[PortalField.familyName] ?? profile.member.familyName,
                                                         locale: language ?? profile.member.locale, timeZone: zone)
                _ = try await portal.saveProfile(fields, categories: values, for: session, at: visit.now)
                return PortalResponses.redirect(to: paths.profile)
            }
        }
        registerPrograms(on: &router)
        registerFeedback(on: &router)
        registerUnsubscribe(on: &router)
        registerSignUp(on: &router)
        router.add(.post, paths.signOut) { request in
            await handle(request, unsafe: true) { visit in
                if let cookie = visit.cookie { try await portal.signOut(cookie: cookie, at: visit.now) }
                return PortalResponses.redirect(to: paths.signIn,
                                                cookies: [SetCookie.deletion(name: Self.sessionCookie, isSecure: isSecure)].compactMap { $0 })
            }
        }
    }

    /// Counts one link request against the client's allowance (``linksPerClient``); a
    /// request whose peer is unknown counts against a shared one.
    func takeClientLink(_ request: HTTPRequest) -> RateLimitDecision {
        linksPerClient.take(TenantID(rawValue: "client:" + trustedProxies.clientAddress(of: request)))
    }

    /// The cookie of a new session (the form cookie is no longer needed).
    func sessionCookies(_ signedIn: PortalService.SignedIn) -> [SetCookie] {
        let maxAge = Int(signedIn.session.expiresAt.timeIntervalSince(signedIn.session.createdAt))
        return [SetCookie(name: Self.sessionCookie, value: signedIn.cookie, maxAge: maxAge, isSecure: isSecure)].compactMap { $0 }
    }

    /// The profile page of `profile`: categories the member may edit as fields, those the
    /// identity provider fills shown with their owner, in the page's language (it was
    /// English on the French page). A member the identity provider provisions sees its
    /// names, language and time zone the same way: the save ignored them
    /// (``ProfileTransition/edit(_:givenName:familyName:locale:timeZone:at:)``).
    static func profilePage(_ profile: PortalService.Profile, language: Language) -> ProfilePage {
        let directory = Localizer(language)(.organisationDirectory)
        let fields = profile.catalog.categories.filter { $0.isMemberEditable || $0.isReadOnly }.map { category in
            let values = profile.member.categoryValues[category.key] ?? []
            let kind: ProfileCategoryField.Kind
            switch category.type {
            case .singleSelect: kind = .singleSelect(options: category.knownValues, selected: values.first)
            case .multiSelect: kind = .multiSelect(options: category.knownValues, selected: values)
            case .text: kind = .text(values.first ?? "")
            }
            return ProfileCategoryField(key: category.key.rawValue, label: category.label, kind: kind,
                                        owner: category.isReadOnly ? directory : nil)
        }
        let isProvisioned = profile.member.source == .scim
        // Provisioned: the language its emails are in (the IdP's locale; English without one).
        let shown = isProvisioned ? (profile.member.locale.flatMap(Language.init(tag:)) ?? .english) : language
        return ProfilePage(givenName: profile.member.givenName, familyName: profile.member.familyName, language: shown,
                           timeZone: profile.member.timeZoneIdentifier, timeZoneChoices: TimeZone.knownTimeZoneIdentifiers.sorted(),
                           categories: fields, managedBy: isProvisioned ? directory : nil)
    }

    // MARK: - One request

    /// Runs `body` for `request` with its visit (session, language, form); an unsafe
    /// request must come from our own origin and carry the right CSRF token.
    func handle(_ request: HTTPRequest, unsafe: Bool = false,
                _ body: (PortalVisit) async throws -> HTTPResponse) async -> HTTPResponse {
        await ErrorLog.$requestID.withValue(request.requestID) {
            let now = clock()
            var visit = PortalVisit(request: request, now: now, endpoints: self)
            do {
                if let cookie = visit.cookie { visit.session = try await portal.session(cookie: cookie, at: now) }
                if let session = visit.session, let tenant = try await tenants.tenant(id: session.tenantID) {
                    visit.organisationName = tenant.name
                }
                if unsafe {
                    do throws(WebFormRefusal) {
                        try visit.web.admitForm(publicURL: publicURL, csrfField: PortalField.csrf)
                    } catch {
                        return visit.error(error == .malformed ? .badRequest : .formExpired)
                    }
                }
                return try await body(visit)
            } catch PortalRefusal.expiredLink {
                return visit.error(.expiredLink)
            } catch PortalRefusal.portalOff(let tenant) {
                // As the rest of the portal says it: "not available", in the organisation's name.
                var visit = visit
                if let organisation = try? await tenants.tenant(id: tenant) { visit.organisationName = organisation.name }
                return visit.error(.portalUnavailable)
            } catch PortalRefusal.badForm {
                return visit.error(.badRequest)
            } catch PortalRefusal.signedOut {
                return PortalResponses.redirect(to: paths.signIn)
            } catch let error as InvitationError {
                switch error {
                case .expired, .alreadyUsed, .memberNotPending, .invalidToken, .linkDisabled: return visit.error(.expiredLink)
                default: return visit.error(.badRequest)
                }
            } catch is MemberError, is SessionError, is ServiceError {
                return visit.error(.badRequest)
            } catch {
                ErrorLog.unexpected(error, context: "portal")
                return visit.error(.badRequest, status: 500)
            }
        }
    }
}

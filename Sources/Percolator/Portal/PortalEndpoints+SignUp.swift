import Coffee
import FoundationEssentials
import HTTP
import Web

extension PortalEndpoints {
    /// The tenant's shareable sign-up link (`/sign-up?token=…`, the token an admin gets
    /// from `POST /api/v1/invitation-link`): a form (names, work email) that enforces the
    /// allowed domains; its POST emails a confirmation link, and only opening that link
    /// (`/sign-up/confirm?token=…`, a GET that shows a button, then its POST) creates
    /// the member and signs it in.
    func registerSignUp(on router: inout Router) {
        router.add(.get, paths.signUp) { request in
            await handle(request) { visit in
                let token = request.query(PortalField.token) ?? ""
                let (tenant, domains) = try await portal.signUpDomains(linkToken: token)
                var visit = visit
                if let organisation = try await tenants.tenant(id: tenant) { visit.organisationName = organisation.name }
                return visit.page(SignUpPage(token: token, allowedDomains: domains), at: paths.signUp)
            }
        }
        router.add(.post, paths.signUp) { request in
            await handle(request, unsafe: true) { visit in
                let form = visit.form
                let token = form?[PortalField.token] ?? ""
                let given = form?[PortalField.givenName]?.trimmingCharacters(in: .whitespaces) ?? ""
                let family = form?[PortalField.familyName]?.trimmingCharacters(in: .whitespaces) ?? ""
                let typed = form?[PortalField.email]?.trimmingCharacters(in: .whitespaces) ?? ""
                let (tenant, domains) = try await portal.signUpDomains(linkToken: token)
                var visit = visit
                if let organisation = try await tenants.tenant(id: tenant) { visit.organisationName = organisation.name }
                var page = SignUpPage(token: token, givenName: given, familyName: family, email: typed, allowedDomains: domains)
                if given.isEmpty || family.isEmpty { page.problems.append(.missingName) }
                let email = try? EmailAddress(typed)
                if email == nil { page.problems.append(.invalidEmail) }
                guard let email, page.problems.isEmpty else { return visit.page(page, at: paths.signUp, status: 400) }
                if case .refused = linksPerAddress.take(TenantID(rawValue: "sign-up:" + email.normalized)) { return visit.error(.tooManyRequests) }
                if case .refused = takeClientLink(request) { return visit.error(.tooManyRequests) }
                if case .refused = linksOverall.take(TenantID(rawValue: "sign-in")) { return visit.error(.tooManyRequests) }
                switch try await portal.requestSignUp(linkToken: token, email: email, givenName: given, familyName: family, at: visit.now) {
                case .domainNotAllowed:
                    page.problems.append(.domainNotAllowed)
                    return visit.page(page, at: paths.signUp, status: 400)
                case .sent:
                    return visit.page(CheckEmailPage(email: email.rawValue, expiresInMinutes: Int(portal.linkLifetime / 60)),
                                      at: paths.signUp)
                }
            }
        }
        router.add(.get, paths.signUpConfirmation) { request in
            await handle(request) { visit in
                visit.page(LinkConfirmationPage(.signUpConfirmation, token: request.query(PortalField.token) ?? ""),
                           at: paths.signUpConfirmation)
            }
        }
        router.add(.post, paths.signUpConfirmation) { request in
            await handle(request, unsafe: true) { visit in
                let signedIn = try await portal.confirmSignUp(token: visit.form?[PortalField.token] ?? "", at: visit.now)
                return PortalResponses.redirect(to: paths.profile, cookies: sessionCookies(signedIn))
            }
        }
    }
}

import Coffee
import FoundationEssentials
import HTTP
import Web

/// Signing in to the console and out of it: an admin token pasted once, or a magic link
/// to an address on the organisation's console list; either way a new session cookie.
extension ConsoleEndpoints {
    func registerSignIn(on router: inout Router) {
        router.add(.get, ConsolePaths.signIn) { request in
            await handle(request, access: .anyone) { visit in
                visit.session == nil ? visit.page(ConsoleSignInPage()) : Self.redirect(to: ConsolePaths.home)
            }
        }
        router.add(.post, ConsolePaths.signIn) { request in
            await handle(request, access: .anyone, unsafe: true) { visit in
                if case .refused = tokenAttempts.take(clientKey(request)) {
                    return visit.page(ConsoleSignInPage(isTokenRefused: true), status: 429)
                }
                guard let signedIn = try await console.signIn(adminToken: visit.form?[ConsoleField.token] ?? "", at: visit.now) else {
                    return visit.page(ConsoleSignInPage(isTokenRefused: true), status: 401)
                }
                return Self.redirect(to: ConsolePaths.home, cookies: sessionCookies(signedIn))
            }
        }
        router.add(.post, ConsolePaths.signInEmail) { request in
            await handle(request, access: .anyone, unsafe: true) { visit in
                let email = visit.form?[ConsoleField.email]?.trimmingCharacters(in: .whitespaces) ?? ""
                guard let address = try? EmailAddress(email) else {
                    return visit.page(ConsoleSignInPage(email: email), status: 400)
                }
                if case .refused = linksPerClient.take(clientKey(request)) {
                    return visit.page(ConsoleSignInPage(email: email), status: 429)
                }
                if case .refused = linksPerAddress.take(TenantID(rawValue: "console:" + address.normalized)) {
                    return visit.page(ConsoleSignInPage(email: email), status: 429)
                }
                try await console.requestSignInLinks(email: email, at: visit.now)
                // The same page whether or not the address is listed anywhere.
                return visit.message(.checkEmail(email: email, minutes: Int(console.linkLifetime / 60)))
            }
        }
        router.add(.get, ConsolePaths.signInLink) { request in
            await handle(request, access: .anyone) { visit in
                visit.message(.confirmLink(token: request.query(ConsoleField.token) ?? ""))
            }
        }
        router.add(.post, ConsolePaths.signInLink) { request in
            await handle(request, access: .anyone, unsafe: true) { visit in
                guard let signedIn = try await console.signIn(linkToken: visit.form?[ConsoleField.token] ?? "", at: visit.now) else {
                    return visit.message(.expiredLink)
                }
                return Self.redirect(to: ConsolePaths.home, cookies: sessionCookies(signedIn))
            }
        }
        router.add(.post, ConsolePaths.signOut) { request in
            await handle(request, access: .signedIn, unsafe: true) { visit in
                if let cookie = visit.cookie { try await console.signOut(cookie: cookie, at: visit.now) }
                return Self.redirect(to: ConsolePaths.signIn,
                                     cookies: [SetCookie.deletion(name: Self.sessionCookie, isSecure: isSecure)].compactMap { $0 })
            }
        }
    }

    /// The cookie of a new session (a fresh id at every sign-in).
    func sessionCookies(_ signedIn: ConsoleService.SignedIn) -> [SetCookie] {
        let maxAge = Int(signedIn.session.expiresAt.timeIntervalSince(signedIn.session.createdAt))
        return [SetCookie(name: Self.sessionCookie, value: signedIn.cookie, maxAge: maxAge, isSecure: isSecure)].compactMap { $0 }
    }
}

import Coffee
import Foundation
import HTTP
@testable import Percolator
import SCIM
import Store
import Testing
import TestSupport

/// The admin console over HTTP (issue 13): sign-in with an admin token or a magic link,
/// sessions and sign-out, roles, tenant isolation, CSRF on every form, the security
/// headers, escaping, and the journey to a first match.
@Suite("Admin console — sign-in, sessions, roles, CSRF and pages over HTTP")
struct ConsoleTests {
    static let origin = PortalTests.origin
    static let session = ConsoleEndpoints.sessionCookie

    /// A browser signed in with the admin token: its session cookie and CSRF token.
    struct Browser {
        let client: SCIMTestClient
        let cookie: String
        var cookies: [String] { ["\(ConsoleTests.session)=\(cookie)"] }

        func get(_ path: String) async throws -> SCIMTestClient.Response {
            try await client.get(path, headers: [("Cookie", cookies.joined(separator: "; "))])
        }

        /// POSTs `fields` with the CSRF token of the page at `formPage`.
        func post(_ path: String, _ fields: [(String, String)], from formPage: String,
                  origin: String = ConsoleTests.origin) async throws -> SCIMTestClient.Response {
            let page = try await get(formPage)
            let csrf = try #require(PortalTests.csrf(page), "no CSRF field on \(formPage)")
            return try await PortalTests.post(client, path, [("csrf", csrf)] + fields, cookies: cookies, origin: origin)
        }
    }

    /// Signs in with `token` as a browser would: the sign-in page's form cookie and CSRF
    /// token, then the POST. Returns the answer to the POST.
    static func signIn(_ live: LiveServer, token: String) async throws -> SCIMTestClient.Response {
        let client = try live.client()
        let page = try await client.get("/admin/sign-in")
        #expect(page.status == 200)
        let formCookie = try #require(PortalTests.cookie(ConsoleEndpoints.formCookie, in: page))
        let csrf = try #require(PortalTests.csrf(page))
        return try await PortalTests.post(client, "/admin/sign-in", [("csrf", csrf), ("token", token)],
                                          cookies: ["\(ConsoleEndpoints.formCookie)=\(formCookie)"])
    }

    /// Posts `fields` to the sign-in form `path` as a browser behind a proxy forwarding for
    /// `client`; the status.
    static func signInForm(_ live: LiveServer, _ path: String, _ fields: [(String, String)], client: String) async throws -> Int {
        let browser = try live.client()
        let page = try await browser.get("/admin/sign-in")
        let formCookie = try #require(PortalTests.cookie(ConsoleEndpoints.formCookie, in: page))
        return try await browser.send("POST", path, rawBody: PortalTests.form([("csrf", try #require(PortalTests.csrf(page)))] + fields),
                                      headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Origin", PortalTests.origin),
                                                ("Cookie", "\(ConsoleEndpoints.formCookie)=\(formCookie)"),
                                                ("X-Forwarded-For", client)]).status
    }

    static func administrator(_ live: LiveServer) async throws -> Browser {
        let answer = try await signIn(live, token: live.adminToken)
        #expect(answer.status == 303 && answer.headers["location"] == "/admin", "\(answer.status) \(answer.text)")
        return Browser(client: try live.client(), cookie: try #require(PortalTests.cookie(session, in: answer)))
    }

    /// Signs `email` in by magic link after adding it with `role`; returns the browser.
    static func signInByLink(_ live: LiveServer, email: String, role: ConsoleRole) async throws -> Browser {
        let console = ConsoleService(persistence: live.server.persistence, accounts: live.store)
        let tenant = try #require(try await live.store.tenant(named: "default"))
        _ = try await console.addAdministrator(email: email, role: role, tenant: tenant.id, at: Date())
        let client = try live.client()
        let page = try await client.get("/admin/sign-in")
        let formCookie = try #require(PortalTests.cookie(ConsoleEndpoints.formCookie, in: page))
        let asked = try await PortalTests.post(client, "/admin/sign-in/email", [("csrf", try #require(PortalTests.csrf(page))),
                                                                                 ("email", email)],
                                               cookies: ["\(ConsoleEndpoints.formCookie)=\(formCookie)"])
        #expect(asked.status == 200 && asked.text.contains("sign-in link is on its way"), "\(asked.text)")
        let entries = try await live.server.persistence.read { tx in try tx.outbox.page(tenant: tenant.id, after: 0, limit: 1_000) }
        let link = try #require(entries.last { $0.kind == EventKind.consoleSignInLinkRequested.rawValue })
        #expect(link.payload.email == email)
        let token = try #require(link.payload.invitationToken)
        let confirm = try await client.get("/admin/sign-in/link?token=\(token)",
                                           headers: [("Cookie", "\(ConsoleEndpoints.formCookie)=\(formCookie)")])
        #expect(confirm.status == 200, "a GET (a mail scanner) spends nothing")
        let signedIn = try await PortalTests.post(client, "/admin/sign-in/link", [("csrf", try #require(PortalTests.csrf(confirm))),
                                                                                   ("token", token)],
                                                  cookies: ["\(ConsoleEndpoints.formCookie)=\(formCookie)"])
        #expect(signedIn.status == 303 && signedIn.headers["location"] == "/admin", "\(signedIn.status) \(signedIn.text)")
        let again = try await PortalTests.post(client, "/admin/sign-in/link", [("csrf", try #require(PortalTests.csrf(confirm))),
                                                                                ("token", token)],
                                               cookies: ["\(ConsoleEndpoints.formCookie)=\(formCookie)"])
        #expect(again.status == 410, "a link works once")
        return Browser(client: client, cookie: try #require(PortalTests.cookie(session, in: signedIn)))
    }

    @Test("sign-in attempts are limited per client: wrong tokens from one client do not keep another's right token out; link requests too")
    func signInLimitsPerClient() async throws {
        try await LiveServer.with({ $0.server.trustedProxies = TrustedProxies(list: "127.0.0.1") ?? TrustedProxies() }) { (live: LiveServer) async throws in
            for index in 0..<20 {
                #expect(try await Self.signInForm(live, "/admin/sign-in", [("token", "pct_wrong\(index)")], client: "203.0.113.1") == 401)
            }
            // The bucket refills one try every 10 s: on a loaded machine a try may have come back meanwhile.
            var refused = false
            for _ in 0..<5 where !refused {
                refused = try await Self.signInForm(live, "/admin/sign-in", [("token", "pct_wrong")], client: "203.0.113.1") == 429
            }
            #expect(refused, "the client's tries run out")
            // Before, one bucket served the whole instance: this right token got 429.
            #expect(try await Self.signInForm(live, "/admin/sign-in", [("token", live.adminToken)], client: "198.51.100.7") == 303)

            for index in 0..<20 {
                #expect(try await Self.signInForm(live, "/admin/sign-in/email", [("email", "p\(index)@example.com")], client: "203.0.113.9") == 200)
            }
            #expect(try await Self.signInForm(live, "/admin/sign-in/email", [("email", "next@example.com")], client: "203.0.113.9") == 429,
                    "one client asks for links to any number of addresses no more")
            #expect(try await Self.signInForm(live, "/admin/sign-in/email", [("email", "next@example.com")], client: "198.51.100.7") == 200)
        }
    }

    @Test("an admin token signs in once into a server-side session; a SCIM token or a wrong one does not")
    func tokenSignIn() async throws {
        try await LiveServer.with { live in
            let anonymous = try await live.client().get("/admin")
            #expect(anonymous.status == 303 && anonymous.headers["location"] == "/admin/sign-in")
            for wrong in [live.scimToken, "not-a-token", ""] {
                let refused = try await Self.signIn(live, token: wrong)
                #expect(refused.status == 401 && refused.text.contains("not a valid admin token"), "\(refused.status)")
                #expect(PortalTests.cookie(Self.session, in: refused) == nil)
            }
            let answer = try await Self.signIn(live, token: live.adminToken)
            let setCookie = try #require(answer.headers["set-cookie"])
            #expect(setCookie.hasPrefix(Self.session + "=") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax")
                    && setCookie.contains("Path=/") && !setCookie.contains("Secure"))
            #expect(!setCookie.contains(live.adminToken), "the cookie is a new random id, not the token")
            let browser = try await Self.administrator(live)
            let home = try await browser.get("/admin")
            #expect(home.status == 200 && home.text.contains("Members by status") && home.text.contains("signed in with an admin token"))
        }
    }

    @Test("the cookie is Secure when the public URL is https")
    func secureCookie() async throws {
        try await LiveServer.with({ $0.outbox.portalURL = "https://coffee.example.com" }) { live in
            let client = try live.client()
            let page = try await client.get("/admin/sign-in")
            let formCookie = try #require(PortalTests.cookie(ConsoleEndpoints.formCookie, in: page))
            let answer = try await PortalTests.post(client, "/admin/sign-in", [("csrf", try #require(PortalTests.csrf(page))),
                                                                               ("token", live.adminToken)],
                                                    cookies: ["\(ConsoleEndpoints.formCookie)=\(formCookie)"],
                                                    origin: "https://coffee.example.com")
            #expect(answer.status == 303)
            #expect(answer.headers["set-cookie"]?.contains("; Secure") == true)
        }
    }

    @Test("sign-out revokes the session on the server: the old cookie opens nothing")
    func signOutRevokes() async throws {
        try await LiveServer.with { live in
            let browser = try await Self.administrator(live)
            let out = try await browser.post("/admin/sign-out", [], from: "/admin")
            #expect(out.status == 303 && out.headers["location"] == "/admin/sign-in")
            #expect(out.headers["set-cookie"]?.contains("Max-Age=0") == true)
            let after = try await browser.get("/admin/members")
            #expect(after.status == 303 && after.headers["location"] == "/admin/sign-in", "a replayed cookie is signed out")
        }
    }

    @Test("every form refuses a POST without the session's CSRF token or from another origin, and changes nothing")
    func csrfOnEveryForm() async throws {
        try await LiveServer.with { live in
            let browser = try await Self.administrator(live)
            let program = try await browser.post("/admin/programs", [("name", "Coffee"), ("groupSize", "2")], from: "/admin/programs")
            let programPath = try #require(program.headers["location"])
            let forms = ["/admin/members/new", "/admin/programs", programPath + "/sessions", programPath + "/activate",
                         "/admin/connect/tokens", "/admin/sign-out", "/admin/sessions/none/match", "/admin/connect/tokens/x/revoke"]
            for path in forms {
                let missing = try await PortalTests.post(browser.client, path, [("name", "X"), ("givenName", "X"), ("familyName", "Y"),
                                                                                ("email", "x@example.com")], cookies: browser.cookies)
                #expect(missing.status == 403, "\(path) without a token: \(missing.status)")
                let page = try await browser.get("/admin")
                let elsewhere = try await PortalTests.post(browser.client, path, [("csrf", try #require(PortalTests.csrf(page))),
                                                                                  ("givenName", "X"), ("familyName", "Y"),
                                                                                  ("email", "x@example.com")],
                                                           cookies: browser.cookies, origin: "https://evil.example")
                #expect(elsewhere.status == 403, "\(path) from another origin: \(elsewhere.status)")
            }
            let members = try await live.client(token: live.adminToken).members()
            #expect(members.isEmpty, "nothing was added")
            let tokens = try await live.store.tokens(tenant: try #require(try await live.store.tenant(named: "default")).id)
            #expect(tokens.count == 2, "no token was issued")
            let still = try await browser.get("/admin")
            #expect(still.status == 200, "the session was not signed out")
        }
    }

    @Test("a program manager signed in by magic link sees programs, and is refused members, imports and tokens")
    func programManagerRole() async throws {
        try await LiveServer.with { live in
            let manager = try await Self.signInByLink(live, email: "pm@example.com", role: .programManager)
            let home = try await manager.get("/admin")
            #expect(home.status == 200 && home.text.contains("pm@example.com") && home.text.contains("Program manager"))
            #expect(!home.text.contains("href=\"/admin/members\""), "no Members link in a program manager's navigation")
            #expect(try await manager.get("/admin/programs").status == 200)
            for path in ["/admin/members", "/admin/members/new", "/admin/connect", "/admin/import", "/admin/emails",
                         "/admin/invitations", "/admin/connect/entra"] {
                #expect(try await manager.get(path).status == 403, "\(path)")
            }
            let issued = try await manager.post("/admin/connect/tokens", [("label", "x")], from: "/admin/programs")
            #expect(issued.status == 403)
            let administrator = try await Self.signInByLink(live, email: "admin@example.com", role: .administrator)
            #expect(try await administrator.get("/admin/members").status == 200)
        }
    }

    @Test("a magic link for an address on no list sends nothing, and the answer is the same")
    func unknownAddress() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let page = try await client.get("/admin/sign-in")
            let formCookie = try #require(PortalTests.cookie(ConsoleEndpoints.formCookie, in: page))
            let asked = try await PortalTests.post(client, "/admin/sign-in/email", [("csrf", try #require(PortalTests.csrf(page))),
                                                                                     ("email", "nobody@example.com")],
                                                   cookies: ["\(ConsoleEndpoints.formCookie)=\(formCookie)"])
            #expect(asked.status == 200 && asked.text.contains("sign-in link is on its way"))
            let tenant = try #require(try await live.store.tenant(named: "default"))
            let entries = try await live.server.persistence.read { tx in try tx.outbox.page(tenant: tenant.id, after: 0, limit: 100) }
            #expect(!entries.contains { $0.kind == EventKind.consoleSignInLinkRequested.rawValue })
        }
    }

    @Test("another organisation's member, program, session and token answer 404")
    func tenantIsolation() async throws {
        try await LiveServer.with { live in
            let other = try await live.store.createTenant(name: "other")
            let services = ApplicationServices(persistence: live.server.persistence, matcher: SessionMatcher(persistence: live.server.persistence),
                                               invitationLifetime: 3_600)
            let member = try await services.members.add(ManualEntry(givenName: "Eve", familyName: "Other", email: "eve@other.example"),
                                                        id: MemberID("eve"), sendsWelcomeEmail: false, tenant: other.id, at: Date())
            let program = try await services.programs.create(tenant: other.id, at: Date(), id: ProgramID("their-program")) { _, _ in
                ProgramDraft(name: "Theirs", schedule: .once(at: Date().addingTimeInterval(86_400), optInOpensAt: nil))
            }
            let session = try await services.programs.addSession(to: program.id, matchAt: Date().addingTimeInterval(3_600),
                                                                 tenant: other.id, at: Date())
            let token = try await live.store.issueToken(tenant: other.id, kind: .scim, label: "theirs")
            let browser = try await Self.administrator(live)
            for path in ["/admin/members/\(member.id.rawValue)", "/admin/programs/their-program", "/admin/sessions/\(session.id.rawValue)"] {
                let page = try await browser.get(path)
                #expect(page.status == 404 && !page.text.contains("Eve") && !page.text.contains("Theirs"), "\(path): \(page.status)")
            }
            let revoke = try await browser.post("/admin/connect/tokens/\(token.record.id.rawValue)/revoke", [], from: "/admin/connect")
            #expect(revoke.status == 404)
            #expect(try await live.store.authenticate(plaintext: token.plaintext, kind: .scim) == other.id, "their token still works")
            let match = try await browser.post("/admin/sessions/\(session.id.rawValue)/match", [], from: "/admin/programs")
            #expect(match.status == 404)
        }
    }

    @Test("every console page sends the Content-Security-Policy, nosniff and no-store headers")
    func securityHeaders() async throws {
        try await LiveServer.with { live in
            let browser = try await Self.administrator(live)
            let signIn = try await live.client().get("/admin/sign-in")
            var pages = [signIn]
            for path in ["/admin", "/admin/members", "/admin/members/new", "/admin/programs", "/admin/connect", "/admin/connect/entra",
                         "/admin/connect/okta", "/admin/import", "/admin/invitations", "/admin/emails", "/admin/members/nobody"] {
                pages.append(try await browser.get(path))
            }
            for page in pages {
                #expect(page.headers["content-security-policy"] == "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
                #expect(page.headers["x-content-type-options"] == "nosniff" && page.headers["cache-control"] == "no-store")
                #expect(!page.text.contains("<script>") && !page.text.contains("style=\""), "no inline script or style")
                #expect(!page.text.contains("http://") || page.text.contains("127.0.0.1"), "nothing from another origin")
            }
        }
    }

    @Test("hostile names are escaped, on the members list and the member's page; French pages too")
    func escaping() async throws {
        try await LiveServer.with { live in
            let browser = try await Self.administrator(live)
            let added = try await browser.post("/admin/members/new", [("givenName", "<script>alert(1)</script>"),
                                                                      ("familyName", "\"><img src=x onerror=alert(1)>"),
                                                                      ("email", "ada@example.com"), ("welcome", "no")],
                                               from: "/admin/members/new")
            #expect(added.status == 303, "\(added.status) \(added.text)")
            let location = try #require(added.headers["location"])
            for path in [location, "/admin/members", "/admin/members?q=%3Cscript%3E&lang=fr"] {
                let page = try await browser.get(path)
                #expect(page.status == 200)
                #expect(!page.text.contains("<script>alert") && !page.text.contains("<img src=x"), "\(path)")
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
            }
            let french = try await browser.get("/admin/members?lang=fr")
            #expect(french.text.contains("lang=\"fr\"") && french.text.contains("Membres"))
            let duplicate = try await browser.post("/admin/members/new", [("givenName", "A"), ("familyName", "B"),
                                                                          ("email", "ada@example.com")], from: "/admin/members/new")
            #expect(duplicate.status == 409 && duplicate.text.contains("exists already"))
            let missing = try await browser.post("/admin/members/new", [("givenName", ""), ("familyName", "B"),
                                                                        ("email", "b@example.com")], from: "/admin/members/new")
            #expect(missing.status == 400)
            #expect(try await live.client(token: live.adminToken).members().count == 1)
        }
    }

    @Test("add members, create a program with a differentValue rule, add a session, match it and see its groups")
    func firstMatch() async throws {
        try await LiveServer.with { live in
            let browser = try await Self.administrator(live)
            for (index, name) in ["Ada", "Grace", "Alan", "Edsger"].enumerated() {
                let added = try await browser.post("/admin/members/new", [("givenName", name), ("familyName", "Test"),
                                                                          ("email", "m\(index)@example.com"),
                                                                          ("welcome", index == 0 ? "yes" : "no")],
                                                   from: "/admin/members/new")
                #expect(added.status == 303)
            }
            let list = try await browser.get("/admin/members?status=active")
            #expect(list.text.contains("Grace Test"))
            let created = try await browser.post("/admin/programs", [("name", "Coffee <b>club</b>"), ("groupSize", "2"),
                                                                     ("participation", "automatic"), ("rule", "differentValue"),
                                                                     ("ruleCategory", "department")], from: "/admin/programs")
            #expect(created.status == 303, "\(created.status) \(created.text)")
            let programPath = try #require(created.headers["location"])
            let program = try await browser.get(programPath)
            #expect(program.text.contains("Coffee &lt;b&gt;club&lt;/b&gt;") && program.text.contains("department"))
            let matchAt = ConsoleEndpoints.format(Date().addingTimeInterval(7_200)).prefix(16).replacingOccurrences(of: " ", with: "T")
            let session = try await browser.post(programPath + "/sessions", [("matchAt", matchAt)], from: programPath)
            #expect(session.status == 303, "\(session.status) \(session.text)")
            let sessionPath = try #require(session.headers["location"])
            let matched = try await browser.post(sessionPath + "/match", [], from: sessionPath)
            #expect(matched.status == 303, "\(matched.status) \(matched.text)")
            let groups = try await browser.get(sessionPath)
            #expect(groups.text.contains("Group 2") && groups.text.contains("Edsger Test"), "\(groups.text)")
            let home = try await browser.get("/admin")
            #expect(home.text.contains(#"<span class="figure">4</span><span class="label">Active"#))
            #expect(home.text.contains(#"<span class="figure">3</span><span class="label">Waiting to be sent"#),
                    "one welcome email and two groups' introductions wait (a group's \"did you meet?\" row is queued when its introduction is sent; issue 16)")
            let emails = try await browser.get("/admin/emails")
            #expect(emails.status == 200 && emails.text.contains("Welcome email") && emails.text.contains("m0@example.com")
                    && emails.text.contains("Waiting"), "the outbox lists the welcome email, in words")
            #expect(!emails.text.contains("WelcomeEmailRequested") && !emails.text.contains("MatchIntroRequested"),
                    "an administrator never reads an event's stored kind")
            let frenchEmails = try await browser.get("/admin/emails?lang=fr")
            #expect(frenchEmails.text.contains("Email de bienvenue") && frenchEmails.text.contains("Email de mise en relation"))
            let french = try await browser.get(sessionPath + "?lang=fr")
            #expect(french.text.contains("Groupes formés"), "states are translated")
        }
    }

    @Test("invitations: a pasted list invites each new address once; members and non-addresses are named, nothing else changes")
    func invitations() async throws {
        try await LiveServer.with { live in
            let browser = try await Self.administrator(live)
            _ = try await browser.post("/admin/members/new", [("givenName", "Ada"), ("familyName", "L"), ("email", "ada@example.com"),
                                                              ("welcome", "no")], from: "/admin/members/new")
            let sent = try await browser.post("/admin/invitations",
                                              [("addresses", "bob@example.com, carol@example.com\nada@example.com <b>not-an-address</b>")],
                                              from: "/admin/invitations")
            #expect(sent.status == 200 && sent.text.contains("2 invitations sent."), "\(sent.status)")
            #expect(sent.text.contains("ada@example.com, &lt;b&gt;not-an-address&lt;/b&gt;"))
            let page = try await browser.get("/admin/invitations")
            #expect(page.text.contains("bob@example.com") && page.text.contains("carol@example.com") && page.text.contains("Pending"))
            #expect(try await live.client(token: live.adminToken).members().count == 3)
            let manager = try await Self.signInByLink(live, email: "pm@example.com", role: .programManager)
            #expect(try await manager.post("/admin/invitations", [("addresses", "x@example.com")], from: "/admin/programs").status == 403)
        }
    }

    @Test("a SCIM token issued in the console is shown once, opens SCIM, lists its last use, and stops working once revoked")
    func scimTokens() async throws {
        try await LiveServer.with { live in
            let browser = try await Self.administrator(live)
            let issued = try await browser.post("/admin/connect/tokens", [("label", "Entra <prod>")], from: "/admin/connect")
            #expect(issued.status == 200 && issued.text.contains("http://127.0.0.1:8080/scim/v2"))
            let token = try #require(issued.text.range(of: #"id="new-token">"#).map { String(issued.text[$0.upperBound...].prefix { $0 != "<" }) })
            #expect(try await live.client(token: token).get("/scim/v2/Users").status == 200)
            let list = try await browser.get("/admin/connect")
            #expect(!list.text.contains(token), "the token is shown once")
            let row = try #require(list.text.components(separatedBy: "<tr>").first { $0.contains("Entra &lt;prod&gt;") })
            #expect(!row.contains("Never") && row.contains("Active"), "its last use is listed: \(row)")
            let tenant = try #require(try await live.store.tenant(named: "default"))
            let record = try #require(try await live.store.tokens(tenant: tenant.id).first { $0.label == "Entra <prod>" })
            let revoked = try await browser.post("/admin/connect/tokens/\(record.id.rawValue)/revoke", [], from: "/admin/connect")
            #expect(revoked.status == 303)
            #expect(try await live.store.authenticate(plaintext: token, kind: .scim) == nil)
            let adminRevoke = try await browser.post("/admin/connect/tokens/\(try #require(try await live.store.tokens(tenant: tenant.id).first { $0.kind == .admin }).id.rawValue)/revoke",
                                                     [], from: "/admin/connect")
            #expect(adminRevoke.status == 404, "the console revokes SCIM tokens only")
        }
    }
}

/// `percolator admin add`, `admin remove` and `admin list` (issue 13), run as the binary.
@Suite("percolator admin add / remove / list", .serialized)
struct ConsoleAdministratorCommandTests {
    @Test("admin add lists an address with its role, admin remove takes it off; a wrong role or address is refused")
    func addAndList() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-admins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let live = try await LiveServer.start(in: directory)
        await live.stopKeepingData()
        let database = directory.appendingPathComponent("percolator.sqlite").path
        let (added, text) = try await DomainCommandTests.run(["admin", "add", "--tenant", "default", "--role", "program-manager",
                                                              "PM@Example.com", "--database", database])
        #expect(added == 0 && text.contains("program-manager"), "\(text)")
        #expect(try await DomainCommandTests.run(["admin", "add", "--tenant", "default", "boss@example.com", "--database", database]).0 == 0)
        let (listed, list) = try await DomainCommandTests.run(["admin", "list", "--tenant", "default", "--database", database])
        #expect(listed == 0 && list == "boss@example.com\tadministrator\nPM@Example.com\tprogram-manager\n", "\(list)")
        #expect(try await DomainCommandTests.run(["admin", "add", "--tenant", "default", "--role", "owner", "x@example.com",
                                                  "--database", database]).0 == 64)
        #expect(try await DomainCommandTests.run(["admin", "add", "--tenant", "default", "not-an-address", "--database", database]).0 == 64)
        #expect(try await DomainCommandTests.run(["admin", "add", "--tenant", "nope", "x@example.com", "--database", database]).0 == 1)

        // admin remove: the address leaves the list (matched ignoring case); a second removal says it is not there.
        let (removed, removal) = try await DomainCommandTests.run(["admin", "remove", "--tenant", "default", "pm@example.com",
                                                                   "--database", database])
        #expect(removed == 0 && removal.contains("may no longer sign in"), "\(removal)")
        let (_, after) = try await DomainCommandTests.run(["admin", "list", "--tenant", "default", "--database", database])
        #expect(after == "boss@example.com\tadministrator\n", "\(after)")
        #expect(try await DomainCommandTests.run(["admin", "remove", "--tenant", "default", "pm@example.com", "--database", database]).0 == 1)
        #expect(try await DomainCommandTests.run(["admin", "remove", "--tenant", "default", "not-an-address", "--database", database]).0 == 64)
    }
}

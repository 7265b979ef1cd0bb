import Foundation
@testable import Percolator
import Store
import Testing
import TestSupport

/// The console's shareable sign-up link (issue 13, item 5): create it (shown once, the
/// open ones closed), close every open one, and the allowed domains; through the same
/// services as `/api/v1/invitations/link` and `PATCH /api/v1/settings`.
@Suite("Admin console — the shareable sign-up link and its allowed domains")
struct ConsoleSignUpLinkTests {
    /// The `/sign-up?token=…` path of the link a page shows.
    static func link(in page: SCIMTestClient.Response) -> String? {
        guard let start = page.text.range(of: "/sign-up?token=") else { return nil }
        let token = page.text[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return "/sign-up?token=" + token
    }

    @Test("create a link (it works), a second one closes the first, close them all; the domains saved and shown")
    func linkAndDomains() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let visitor = try live.client()
            let page = try await browser.get("/admin/invitations")
            #expect(page.status == 200 && page.text.contains("Shareable sign-up link"), "\(page.text)")

            let first = try await browser.post("/admin/invitations/sign-up-link", [], from: "/admin/invitations")
            #expect(first.status == 200 && first.text.contains("A new sign-up link was created (0 open links closed)"), "\(first.text)")
            let firstLink = try #require(Self.link(in: first))
            #expect(try await visitor.get(firstLink).status == 200, "the link opens the sign-up page")
            #expect(try await browser.get("/admin/invitations").text.contains(firstLink) == false, "shown once")

            let second = try await browser.post("/admin/invitations/sign-up-link", [], from: "/admin/invitations")
            #expect(second.text.contains("(1 open link closed)"), "\(second.text)")
            let secondLink = try #require(Self.link(in: second))
            #expect(secondLink != firstLink)
            #expect(try await visitor.get(firstLink).status != 200, "the first link is closed")
            #expect(try await visitor.get(secondLink).status == 200)

            let closed = try await browser.post("/admin/invitations/sign-up-link/close", [], from: "/admin/invitations")
            #expect(closed.status == 303 && closed.headers["location"] == "/admin/invitations?notice=closed&count=1")
            #expect(try await browser.get("/admin/invitations?notice=closed&count=1").text.contains("1 sign-up link closed."))
            #expect(try await visitor.get(secondLink).status != 200)

            let saved = try await browser.post("/admin/invitations/sign-up-domains", [("domains", "example.com, Acme.org")],
                                               from: "/admin/invitations")
            #expect(saved.status == 303 && saved.headers["location"] == "/admin/invitations?notice=domains")
            let tenant = try #require(try await live.store.tenant(named: "default")).id
            let settings = try await live.server.persistence.read { tx in try tx.settings.settings(tenant: tenant) }
            #expect(settings.allowedEmailDomains.domains == ["example.com", "acme.org"], "\(settings.allowedEmailDomains.domains)")
            let shown = try await browser.get("/admin/invitations?notice=domains")
            #expect(shown.text.contains("The allowed domains were saved.") && shown.text.contains("acme.org, example.com"), "\(shown.text)")
            #expect(try await browser.post("/admin/invitations/sign-up-domains", [("domains", "")], from: "/admin/invitations").status == 303)
            #expect(try await live.server.persistence.read { tx in try tx.settings.settings(tenant: tenant) }.allowedEmailDomains.domains.isEmpty)
        }
    }

    @Test("CSRF on the three forms, administrators only; nothing created or changed")
    func security() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            for (path, fields) in [("/admin/invitations/sign-up-link", []), ("/admin/invitations/sign-up-link/close", []),
                                   ("/admin/invitations/sign-up-domains", [("domains", "evil.example")])] as [(String, [(String, String)])] {
                #expect(try await PortalTests.post(browser.client, path, fields, cookies: browser.cookies).status == 403, "\(path)")
            }
            let manager = try await ConsoleTests.signInByLink(live, email: "pm@example.com", role: .programManager)
            #expect(try await manager.get("/admin/invitations").status == 403)
            #expect(try await manager.post("/admin/invitations/sign-up-link", [], from: "/admin/programs").status == 403)
            #expect(try await manager.post("/admin/invitations/sign-up-domains", [("domains", "evil.example")],
                                           from: "/admin/programs").status == 403)
            let tenant = try #require(try await live.store.tenant(named: "default")).id
            #expect(try await live.server.persistence.read { tx in try tx.settings.settings(tenant: tenant) }.allowedEmailDomains.domains.isEmpty)
            #expect(Self.link(in: try await browser.get("/admin/invitations")) == nil)
        }
    }
}

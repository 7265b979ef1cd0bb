import Coffee
import Foundation
@testable import Percolator
import SCIM
import Store
import Testing
import TestSupport

/// The Member Portal over HTTP (issue 12): invitation acceptance, sign-in by email link,
/// the profile, sign-out, and the security promises of web.md that need no browser.
@Suite("Member Portal — links, sessions, CSRF and the profile over HTTP")
struct PortalTests {
    static let origin = "http://127.0.0.1:8080"

    /// The hidden CSRF field of a page.
    static func csrf(_ page: SCIMTestClient.Response) -> String? {
        guard let range = page.text.range(of: #"name="csrf" value=""#) else { return nil }
        return String(page.text[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The value of cookie `name` set by `response`.
    static func cookie(_ name: String, in response: SCIMTestClient.Response) -> String? {
        guard let header = response.headers["set-cookie"], header.hasPrefix(name + "=") else { return nil }
        return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
    }

    static func form(_ fields: [(String, String)]) -> String {
        fields.map { name, value in
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            return name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }

    static func post(_ client: SCIMTestClient, _ path: String, _ fields: [(String, String)], cookies: [String],
                     origin: String = Self.origin) async throws -> SCIMTestClient.Response {
        try await client.send("POST", path, rawBody: form(fields), headers: [
            ("Content-Type", "application/x-www-form-urlencoded"), ("Origin", origin), ("Cookie", cookies.joined(separator: "; ")),
        ])
    }

    /// Invites `email` through the admin API; returns the invitation token.
    static func invite(_ live: LiveServer, _ email: String) async throws -> String {
        let admin = try live.client(token: live.adminToken)
        let invited = try await admin.post("/api/v1/invitations", ["email": .string(email), "givenName": "Ada", "familyName": "<script>alert(1)</script>"])
        #expect(invited.status == 201, "\(invited.text)")
        return try #require(invited[attribute: "token"]?.stringValue)
    }

    /// Accepts an invitation in the portal as a browser would; returns the session cookie.
    static func acceptInvitation(_ live: LiveServer, token: String) async throws -> String {
        let browser = try live.client()
        let page = try await browser.get("/invitations/accept?token=\(token)")
        #expect(page.status == 200, "\(page.text)")
        #expect(page.headers["content-security-policy"]?.contains("default-src 'self'") == true)
        #expect(page.text.contains("<title>") && page.text.contains("default</"), "the page is in the organisation's name")
        let formCookie = try #require(Self.cookie(PortalEndpoints.formCookie, in: page))
        let csrf = try #require(Self.csrf(page))
        #expect(csrf == formCookie, "before sign-in, forms carry the double-submit token")
        let accepted = try await Self.post(browser, "/invitations/accept",
                                           [("csrf", csrf), ("token", token), ("givenName", "Ada"), ("familyName", "Lovelace")],
                                           cookies: ["\(PortalEndpoints.formCookie)=\(formCookie)"])
        #expect(accepted.status == 303 && accepted.headers["location"] == "/profile", "\(accepted.status) \(accepted.text)")
        let setCookie = try #require(accepted.headers["set-cookie"])
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Path=/"))
        #expect(!setCookie.contains("Secure"), "the public URL is http here")
        return try #require(Self.cookie(PortalEndpoints.sessionCookie, in: accepted))
    }

    @Test("an invitation link is accepted by a click, signs the member in, and is spent")
    func invitationAccepted() async throws {
        try await LiveServer.with { live in
            let token = try await Self.invite(live, "ada@example.com")
            let session = try await Self.acceptInvitation(live, token: token)
            let browser = try live.client()
            let profile = try await browser.get("/profile", headers: [("Cookie", "\(PortalEndpoints.sessionCookie)=\(session)")])
            #expect(profile.status == 200, "\(profile.text)")
            #expect(profile.text.contains("Ada") && profile.text.contains("Lovelace"))
            let members = try await live.client(token: live.adminToken).members()
            #expect(members.first?[attribute: "localStatus"] == "active")
            // A second use of the link finds nothing to accept.
            #expect(try await browser.get("/invitations/accept?token=\(token)").status == 410)
            #expect(try await browser.get("/invitations/accept?token=nope").status == 410)
        }
    }

    @Test("a POST without the form's token, or from another origin, changes nothing")
    func csrfRefused() async throws {
        try await LiveServer.with { live in
            let token = try await Self.invite(live, "ada@example.com")
            let browser = try live.client()
            let page = try await browser.get("/invitations/accept?token=\(token)")
            let formCookie = try #require(Self.cookie(PortalEndpoints.formCookie, in: page))
            let fields = [("token", token), ("givenName", "Ada"), ("familyName", "Lovelace")]
            let missing = try await Self.post(browser, "/invitations/accept", fields, cookies: ["\(PortalEndpoints.formCookie)=\(formCookie)"])
            #expect(missing.status == 403)
            let crossSite = try await Self.post(browser, "/invitations/accept", [("csrf", formCookie)] + fields,
                                                cookies: ["\(PortalEndpoints.formCookie)=\(formCookie)"], origin: "https://evil.example")
            #expect(crossSite.status == 403)
            let members = try await live.client(token: live.adminToken).members()
            #expect(members.first?[attribute: "localStatus"] == "pending", "nothing was accepted")
        }
    }

    @Test("sign-in by email: the same answer for any address, a link that works once, sign-out ends the session")
    func signInLink() async throws {
        try await LiveServer.with { live in
            let invitation = try await Self.invite(live, "ada@example.com")
            _ = try await Self.acceptInvitation(live, token: invitation)
            let browser = try live.client()
            let page = try await browser.get("/sign-in")
            let formCookie = try #require(Self.cookie(PortalEndpoints.formCookie, in: page))
            let cookies = ["\(PortalEndpoints.formCookie)=\(formCookie)"]
            let known = try await Self.post(browser, "/sign-in", [("csrf", formCookie), ("email", "ADA@example.com")], cookies: cookies)
            let unknown = try await Self.post(browser, "/sign-in", [("csrf", formCookie), ("email", "nobody@example.com")], cookies: cookies)
            #expect(known.status == 200 && unknown.status == 200)
            #expect(known.text.replacingOccurrences(of: "ADA@example.com", with: "X") == unknown.text.replacingOccurrences(of: "nobody@example.com", with: "X"),
                    "the answer never tells whether an address is a member's")

            // The link's token, as the email carries it (the outbox keeps it until delivered).
            let tenant = try #require(try await live.store.tenants().first).id
            let entries = try await live.server.persistence.read { tx in
                try tx.outbox.page(tenant: tenant, after: 0, limit: 100, kind: "SignInLinkRequested")
            }
            #expect(entries.count == 1)
            let token = try #require(entries.first?.payload.invitationToken)
            // A GET (a mail scanner's prefetch) spends nothing; the click's POST signs in.
            let confirm = try await browser.get("/sign-in/link?token=\(token)")
            #expect(confirm.status == 200)
            let signedIn = try await Self.post(browser, "/sign-in/link", [("csrf", formCookie), ("token", token)], cookies: cookies)
            #expect(signedIn.status == 303 && signedIn.headers["location"] == "/profile")
            let session = try #require(Self.cookie(PortalEndpoints.sessionCookie, in: signedIn))
            let again = try await Self.post(browser, "/sign-in/link", [("csrf", formCookie), ("token", token)], cookies: cookies)
            #expect(again.status == 410, "a link works once")

            let sessionCookie = "\(PortalEndpoints.sessionCookie)=\(session)"
            let profile = try await browser.get("/profile", headers: [("Cookie", sessionCookie)])
            let csrf = try #require(Self.csrf(profile))
            #expect(csrf != formCookie, "a session has its own token")
            let out = try await Self.post(browser, "/sign-out", [("csrf", csrf)], cookies: [sessionCookie])
            #expect(out.status == 303 && out.headers["set-cookie"]?.contains("Max-Age=0") == true)
            let after = try await browser.get("/profile", headers: [("Cookie", sessionCookie)])
            #expect(after.status == 303 && after.headers["location"] == "/sign-in", "a revoked session signs nobody in")
        }
    }

    @Test("the profile escapes what the identity provider and admins control, and saves member-editable categories")
    func profile() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let category = try await admin.post("/api/v1/categories", [
                "key": "hobby", "label": "Hobby <b>", "type": "singleSelect", "values": ["Chess", "<img src=x onerror=alert(1)>"],
                "memberEditable": true,
            ])
            #expect(category.status == 201, "\(category.text)")
            let invitation = try await Self.invite(live, "ada@example.com")
            let session = try await Self.acceptInvitation(live, token: invitation)
            let browser = try live.client()
            let sessionCookie = "\(PortalEndpoints.sessionCookie)=\(session)"
            let profile = try await browser.get("/profile", headers: [("Cookie", sessionCookie)])
            #expect(!profile.text.contains("<img src=x") && !profile.text.contains("<b>"))
            #expect(profile.text.contains("&lt;img src=x onerror=alert(1)&gt;"))
            let csrf = try #require(Self.csrf(profile))
            let saved = try await Self.post(browser, "/profile", [("csrf", csrf), ("categories", "hobby"), ("category.hobby", "chess"),
                                                                  ("categories", "department"), ("category.department", "Spies")],
                                            cookies: [sessionCookie])
            #expect(saved.status == 303, "\(saved.text)")
            let member = try #require(try await admin.members().first)
            #expect(member[attribute: "categories"]?[attribute: "hobby"]?.arrayValue?.first == "Chess",
                    "the known spelling; \(member)")
            #expect(member[attribute: "categories"]?[attribute: "department"] == nil, "a category the member may not edit is untouched")
        }
    }

    @Test("my programs: skip the next session, leave the program; my matches: the partners of a matched session")
    func programsAndMatches() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let created = try await admin.post("/api/v1/programs", [
                "name": "Coffee roulette", "audience": ["type": "all"], "groupSize": 2,
                "schedule": ["type": "recurring", "everyWeeks": 1, "weekday": 1, "time": "09:30", "timezone": "Europe/Paris"],
            ])
            let program = try #require(created[attribute: "id"]?.stringValue)
            #expect(try await admin.post("/api/v1/programs/\(program)/activate", [:]).status == 200)
            let session = try await Self.acceptInvitation(live, token: try await Self.invite(live, "ada@example.com"))
            _ = try await Self.acceptInvitation(live, token: try await Self.invite(live, "bo@example.com"))
            let browser = try live.client()
            let cookie = "\(PortalEndpoints.sessionCookie)=\(session)"
            let page = try await browser.get("/programs", headers: [("Cookie", cookie)])
            #expect(page.status == 200 && page.text.contains("Coffee roulette"))
            let csrf = try #require(Self.csrf(page))
            let skipped = try await Self.post(browser, "/programs/\(program)/participation", [("csrf", csrf), ("choice", "skip")],
                                              cookies: [cookie])
            #expect(skipped.status == 303)
            let sessions = try await admin.get("/api/v1/programs/\(program)/sessions")
            let next = try #require(sessions[attribute: "items"]?.arrayValue?.first)
            #expect(next[attribute: "optedOut"]?.arrayValue?.count == 1, "the next session knows Ada sits it out")

            // Ada takes part again; the session is matched; her match shows Bo.
            _ = try await Self.post(browser, "/programs/\(program)/participation", [("csrf", csrf), ("choice", "unskip")], cookies: [cookie])
            let sessionID = try #require(next[attribute: "id"]?.stringValue)
            let path = "/api/v1/sessions/\(sessionID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? sessionID)"
            #expect(try await admin.post("\(path)/match", [:]).status == 200)
            let matches = try await browser.get("/matches", headers: [("Cookie", cookie)])
            #expect(matches.status == 200 && matches.text.contains("bo@example.com"), "\(matches.text)")

            // The avoid list: find Bo by name, avoid, then stop avoiding.
            let search = try await browser.get("/programs?program=\(program)&q=bo", headers: [("Cookie", cookie)])
            let bo = try #require(try await admin.members().first { $0[attribute: "userName"] == "bo@example.com" }?[attribute: "id"]?.stringValue)
            #expect(search.status == 200 && search.text.contains("value=\"\(bo)\""), "Bo is offered")
            #expect(try await Self.post(browser, "/programs/\(program)/avoid", [("csrf", csrf), ("member", bo), ("choice", "add")],
                                        cookies: [cookie]).status == 303)
            let avoiding = try await browser.get("/programs", headers: [("Cookie", cookie)])
            #expect(avoiding.text.contains("value=\"\(bo)\"") && avoiding.text.contains("value=\"remove\""),
                    "Bo is listed as avoided, with a form to stop")
            #expect(try await Self.post(browser, "/programs/\(program)/avoid", [("csrf", csrf), ("member", bo), ("choice", "remove")],
                                        cookies: [cookie]).status == 303)

            let left = try await Self.post(browser, "/programs/\(program)/membership", [("csrf", csrf), ("choice", "leave")], cookies: [cookie])
            #expect(left.status == 303)
            let members = try await admin.members()
            let ada = try #require(members.first { $0[attribute: "userName"] == "ada@example.com" }?[attribute: "id"]?.stringValue)
            let preference = try await admin.get("/api/v1/programs/\(program)/members/\(ada)")
            #expect(preference[attribute: "left"] == true)
        }
    }

    @Test("a member who came by invitation edits its names; a POST for another member's program changes nothing of theirs")
    func namesSaved() async throws {
        try await LiveServer.with { live in
            let session = try await Self.acceptInvitation(live, token: try await Self.invite(live, "ada@example.com"))
            let browser = try live.client()
            let cookie = "\(PortalEndpoints.sessionCookie)=\(session)"
            let profile = try await browser.get("/profile", headers: [("Cookie", cookie)])
            let csrf = try #require(Self.csrf(profile))
            let saved = try await Self.post(browser, "/profile", [("csrf", csrf), ("givenName", "Augusta Ada"), ("familyName", "King"),
                                                                  ("language", "fr"), ("timeZone", "Europe/London")], cookies: [cookie])
            #expect(saved.status == 303)
            let member = try #require(try await live.client(token: live.adminToken).members().first)
            #expect(member[attribute: "givenName"] == "Augusta Ada" && member[attribute: "familyName"] == "King")
            let empty = try await Self.post(browser, "/profile", [("csrf", csrf), ("givenName", " "), ("familyName", "King")],
                                            cookies: [cookie])
            #expect(empty.status == 400, "a name cannot be emptied")
        }
    }

    @Test("sign-in links are limited per address: the sixth request within minutes is refused, for any address")
    func signInRateLimited() async throws {
        try await LiveServer.with { live in
            let browser = try live.client()
            let page = try await browser.get("/sign-in")
            let formCookie = try #require(Self.cookie(PortalEndpoints.formCookie, in: page))
            let cookies = ["\(PortalEndpoints.formCookie)=\(formCookie)"]
            for _ in 0..<5 {
                let asked = try await Self.post(browser, "/sign-in", [("csrf", formCookie), ("email", "nobody@example.com")], cookies: cookies)
                #expect(asked.status == 200)
            }
            let refused = try await Self.post(browser, "/sign-in", [("csrf", formCookie), ("email", "NOBODY@example.com")], cookies: cookies)
            #expect(refused.status == 429, "the same address, whatever its case")
            let other = try await Self.post(browser, "/sign-in", [("csrf", formCookie), ("email", "someone@example.com")], cookies: cookies)
            #expect(other.status == 200, "another address is not held up")
        }
    }
}

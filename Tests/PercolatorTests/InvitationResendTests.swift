import Coffee
import Foundation
@testable import Percolator
import SCIM
import Store
import Testing
import TestSupport

/// Resending an invitation (issue 13, item 5): `POST /api/v1/invitations/{id}/resend`
/// and the console's "Resend" button, through ``InvitationService/resend(_:tenant:at:)``.
/// A pending invitation (expired or not) gets a new token — the old link stops working —
/// a new expiry and a new invitation email like the first; an accepted or withdrawn one
/// is refused (409) and another organisation's is not found; nothing changes then.
@Suite("Invitations — resend a pending invitation (admin API and console)")
struct InvitationResendTests {
    /// The tenant's `InvitationEmailRequested` entries, oldest first.
    static func invitationEmails(_ live: LiveServer, tenant: TenantID) async throws -> [OutboxEntry] {
        try await live.server.persistence.read { tx in try tx.outbox.page(tenant: tenant, after: 0, limit: 1_000) }
            .filter { $0.kind == EventKind.invitationEmailRequested.rawValue }
    }

    static func accept(_ live: LiveServer, token: String) async throws -> SCIMTestClient.Response {
        try await SCIMTestClient(port: live.port, token: nil).post("/api/v1/invitations/accept",
                                                                   ["token": .string(token), "givenName": "Zoé", "familyName": "Éluard"])
    }

    @Test("API: an expired pending invitation resent → a new token and expiry, a second email like the first; the old token fails; then 409 once accepted")
    func resendThroughTheAPI() async throws {
        let clock = AdminInvitationTests.TestClock()
        try await AdminInvitationTests.start(clock: clock) { live in
            let admin = try live.client(token: live.adminToken)
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            let invited = try await admin.post("/api/v1/invitations", ["email": "zoe@example.com", "givenName": "Zoé"])
            let first = try #require(invited[attribute: "token"]?.stringValue)
            let memberID = try #require(invited[attribute: "memberId"]?.stringValue)
            clock.advance(days: 20)
            #expect(try await admin.get("/api/v1/invitations/\(memberID)")[attribute: "expired"] == true)

            let resent = try await admin.post("/api/v1/invitations/\(memberID)/resend", .null)
            #expect(resent.status == 200, "\(resent.text)")
            let second = try #require(resent[attribute: "token"]?.stringValue)
            #expect(second != first && second.count == 43)
            #expect(resent[attribute: "status"] == "pending" && resent[attribute: "expired"] == false)
            #expect(resent[attribute: "memberId"] == .string(memberID) && resent[attribute: "acceptPath"] == "/api/v1/invitations/accept")
            let listed = try await admin.get("/api/v1/invitations/\(memberID)")
            #expect(listed[attribute: "expired"] == false && listed[attribute: "expiresAt"] == resent[attribute: "expiresAt"])
            #expect(listed[attribute: "createdAt"] == invited[attribute: "createdAt"], "first sent at the same date")

            let emails = try await Self.invitationEmails(live, tenant: tenant)
            #expect(emails.count == 2, "a second invitation email")
            #expect(emails.last?.payload.invitationToken == second && emails.first?.payload.invitationToken == first)
            #expect(emails.last?.payload.email == emails.first?.payload.email && emails.last?.payload.givenName == "Zoé")
            #expect(emails.last?.payload.locale == emails.first?.payload.locale, "the same language as the first")

            let old = try await Self.accept(live, token: first)
            #expect(old.status == 400, "the old link no longer works: \(old.text)")
            #expect(try await admin.get("/api/v1/members/\(memberID)")[attribute: "localStatus"] == "pending")
            let accepted = try await Self.accept(live, token: second)
            #expect(accepted.status == 200 && accepted[attribute: "localStatus"] == "active", "\(accepted.text)")

            let again = try await admin.post("/api/v1/invitations/\(memberID)/resend", .null)
            #expect(again.status == 409 && again[attribute: "detail"]?.stringValue?.contains("accepted already") == true, "\(again.text)")
            #expect(try await Self.invitationEmails(live, tenant: tenant).count == 2, "no email for a refused resend")
            #expect(try await admin.post("/api/v1/invitations/nobody/resend", .null).status == 404)
        }
    }

    @Test("API: a withdrawn invitation (its member deprovisioned) is 409, another organisation's is 404; nothing changes")
    func refusals() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            let invited = try await admin.post("/api/v1/invitations", ["email": "gone@example.com"])
            let memberID = MemberID(try #require(invited[attribute: "memberId"]?.stringValue))
            try await live.server.persistence.write { tx in
                var member = try #require(try tx.members.member(id: memberID, tenant: tenant))
                member.lifecycle = .deprovisioned
                try tx.members.save(member)
            }
            let withdrawn = try await admin.post("/api/v1/invitations/\(memberID.rawValue)/resend", .null)
            #expect(withdrawn.status == 409 && withdrawn[attribute: "detail"]?.stringValue?.contains("withdrawn") == true, "\(withdrawn.text)")
            #expect(withdrawn.text.contains("gone@example.com") && !withdrawn.text.contains("Swift"))

            let other = try await live.store.createTenant(name: "other")
            let services = ConsoleStatisticsTests.services(live)
            let theirs = try await services.invitations.invite(try EmailAddress("eve@other.example"), givenName: "", familyName: "",
                                                               tenant: other.id, at: Date())
            let answer = try await admin.post("/api/v1/invitations/\(theirs.memberID.rawValue)/resend", .null)
            #expect(answer.status == 404 && !answer.text.contains("eve@other.example"))
            #expect(try await Self.invitationEmails(live, tenant: other.id).count == 1)
            #expect(try await Self.accept(live, token: theirs.token.rawValue).status == 200, "their link still works")
            #expect(try await Self.invitationEmails(live, tenant: tenant).count == 1)
        }
    }

    @Test("console: Resend on a pending row sends a new link (the old one fails), says so in English and French; none on a registered row; refused once accepted")
    func resendInTheConsole() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            let invited = try await browser.post("/admin/invitations", [("addresses", "zoe@example.com ada@example.com")],
                                                 from: "/admin/invitations")
            #expect(invited.status == 200 && invited.text.contains("2 invitations sent."))
            let stored = try await ConsoleStatisticsTests.services(live).invitations.invitations(tenant: tenant, after: 0, limit: 10)
            let zoe = try #require(stored.first { $0.email.rawValue == "zoe@example.com" }).memberID.rawValue
            let ada = try #require(stored.first { $0.email.rawValue == "ada@example.com" }).memberID.rawValue
            let firstTokens = try await Self.invitationEmails(live, tenant: tenant).compactMap(\.payload.invitationToken)
            #expect(firstTokens.count == 2)
            // Ada accepts: her row has no Resend button any more.
            let adaToken = try #require(try await Self.invitationEmails(live, tenant: tenant)
                .first { $0.payload.email == "ada@example.com" }?.payload.invitationToken)
            #expect(try await Self.accept(live, token: adaToken).status == 200)

            let page = try await browser.get("/admin/invitations")
            #expect(page.text.contains("action=\"/admin/invitations/\(zoe)/resend\""), "\(page.text)")
            #expect(!page.text.contains("/admin/invitations/\(ada)/resend"))
            #expect(page.text.contains("Resend the invitation to zoe@example.com"))
            #expect(try await browser.get("/admin/invitations?lang=fr").text.contains("Renvoyer"))

            let resent = try await browser.post("/admin/invitations/\(zoe)/resend", [], from: "/admin/invitations?lang=en")
            #expect(resent.status == 200 && resent.text.contains("The invitation to zoe@example.com was sent again"), "\(resent.text)")
            let emails = try await Self.invitationEmails(live, tenant: tenant).filter { $0.payload.email == "zoe@example.com" }
            #expect(emails.count == 2)
            let zoeFirst = try #require(emails.first?.payload.invitationToken), zoeSecond = try #require(emails.last?.payload.invitationToken)
            #expect(try await Self.accept(live, token: zoeFirst).status == 400, "the old link fails after a resend")

            let french = try await browser.post("/admin/invitations/\(zoe)/resend?lang=fr", [], from: "/admin/invitations")
            #expect(french.status == 200 && french.text.contains("L’invitation à zoe@example.com a été renvoyée"), "\(french.text)")
            let third = try #require(try await Self.invitationEmails(live, tenant: tenant).last?.payload.invitationToken)
            #expect(try await Self.accept(live, token: zoeSecond).status == 400)
            #expect(try await Self.accept(live, token: third).status == 200)

            let refused = try await browser.post("/admin/invitations/\(ada)/resend", [], from: "/admin/invitations?lang=en")
            #expect(refused.status == 409 && refused.text.contains("The invitation to ada@example.com was not sent again: it was accepted already."),
                    "\(refused.text)")
            let count = try await Self.invitationEmails(live, tenant: tenant).count
            #expect(count == 4)
        }
    }

    @Test("console: CSRF, a program manager refused, another organisation's invitation 404; no email, the old link still works")
    func consoleSecurity() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            let services = ConsoleStatisticsTests.services(live)
            let mine = try await services.invitations.invite(try EmailAddress("zoe@example.com"), givenName: "", familyName: "",
                                                             tenant: tenant, at: Date())
            let path = "/admin/invitations/\(mine.memberID.rawValue)/resend"
            #expect(try await PortalTests.post(browser.client, path, [], cookies: browser.cookies).status == 403, "no CSRF token")
            let manager = try await ConsoleTests.signInByLink(live, email: "pm@example.com", role: .programManager)
            #expect(try await manager.post(path, [], from: "/admin/programs").status == 403)

            let other = try await live.store.createTenant(name: "other")
            let theirs = try await services.invitations.invite(try EmailAddress("eve@other.example"), givenName: "", familyName: "",
                                                               tenant: other.id, at: Date())
            let answer = try await browser.post("/admin/invitations/\(theirs.memberID.rawValue)/resend", [], from: "/admin/invitations")
            #expect(answer.status == 404 && !answer.text.contains("eve@other.example"))

            #expect(try await Self.invitationEmails(live, tenant: tenant).count == 1)
            #expect(try await Self.invitationEmails(live, tenant: other.id).count == 1)
            #expect(try await Self.accept(live, token: mine.token.rawValue).status == 200, "the first link still works")
            #expect(try await Self.accept(live, token: theirs.token.rawValue).status == 200)
        }
    }
}

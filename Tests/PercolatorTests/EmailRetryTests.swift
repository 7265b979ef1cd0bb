import Coffee
import Foundation
@testable import Percolator
import SCIM
import Store
import Testing
import TestSupport

/// Retrying a failed email (issue 13, item 9): `POST /api/v1/events/{seq}/retry` and the
/// console's "Retry" button on the emails page, through ``TenantService/retryEmail(seq:tenant:at:)``.
/// An email the deliverer gave up on is due again (attempts and last error kept) and
/// claimed by the next deliverer; a sent, waiting or non-email entry is refused (409),
/// an unknown or another organisation's is not found (404); nothing changes then.
@Suite("Emails — retry a failed email (admin API and console)")
struct EmailRetryTests {
    /// Invites `address` in `tenant` and makes its invitation email fail for good, as the
    /// deliverer does after a permanent SMTP refusal. Returns the entry's sequence number.
    static func failedEmail(_ live: LiveServer, _ address: String, tenant: TenantID) async throws -> Int64 {
        _ = try await ConsoleStatisticsTests.services(live).invitations.invite(try EmailAddress(address), givenName: "", familyName: "",
                                                                                tenant: tenant, at: Date())
        return try await live.server.persistence.write { tx in
            let entry = try #require(try tx.outbox.page(tenant: tenant, after: 0, limit: 1_000).last { $0.payload.email == address })
            try tx.outbox.markFailed(seq: entry.seq, error: "550 5.1.1 mailbox unavailable", retryAt: nil, at: Date())
            return entry.seq
        }
    }

    static func entry(_ live: LiveServer, _ seq: Int64, tenant: TenantID) async throws -> OutboxEntry? {
        try await live.server.persistence.read { tx in try tx.outbox.page(tenant: tenant, after: seq - 1, limit: 1).first { $0.seq == seq } }
    }

    /// Whether a deliverer would claim entry `seq` now.
    static func isDue(_ live: LiveServer, _ seq: Int64) async throws -> Bool {
        try await live.server.persistence.read { tx in try tx.outbox.due(at: Date().addingTimeInterval(1), limit: 1_000) }
            .contains { $0.seq == seq }
    }

    @Test("service: failed → due again; sent, waiting, record → 409; unknown, another tenant's → 404; refusals change nothing")
    func service() async throws {
        try await LiveServer.with { live in
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            let services = ConsoleStatisticsTests.services(live)
            let failed = try await Self.failedEmail(live, "zoe@example.com", tenant: tenant)
            let sent = try await Self.failedEmail(live, "ada@example.com", tenant: tenant)
            _ = try await services.invitations.invite(try EmailAddress("bo@example.com"), givenName: "", familyName: "", tenant: tenant, at: Date())
            let entries = try await live.server.persistence.write { tx in
                try tx.outbox.page(tenant: tenant, after: 0, limit: 1_000)
            }
            let waiting = try #require(entries.last { $0.payload.email == "bo@example.com" && $0.status == .pending }).seq
            let record = try #require(entries.first { $0.channel != "email" }).seq
            try await live.server.persistence.write { tx in
                try tx.outbox.markDelivered(seq: sent, at: Date())   // as if a retry had been sent
            }
            let other = try await live.store.createTenant(name: "other")
            let theirs = try await Self.failedEmail(live, "eve@other.example", tenant: other.id)

            let refusals: [(Int64, TenantID, ServiceError?)] = [
                (sent, tenant, .conflict("")), (waiting, tenant, .conflict("")), (record, tenant, .conflict("")),
                (theirs, tenant, .notFound("")), (999_999, tenant, .notFound("")),
            ]
            for (seq, owner, expected) in refusals {
                let before = try await Self.entry(live, seq, tenant: owner)
                do {
                    _ = try await services.tenant.retryEmail(seq: seq, tenant: owner, at: Date())
                    Issue.record("retry of \(seq) was accepted")
                } catch let error as ServiceError {
                    switch (error, expected) {
                    case (.conflict, .conflict?), (.notFound, .notFound?): break
                    default: Issue.record("retry of \(seq): \(error), expected \(String(describing: expected))")
                    }
                }
                #expect(try await Self.entry(live, seq, tenant: owner) == before, "a refused retry changes nothing")
            }
            #expect(try await Self.entry(live, theirs, tenant: other.id)?.status == .failed)

            let retried = try await services.tenant.retryEmail(seq: failed, tenant: tenant, at: Date())
            #expect(retried.status == .pending && retried.attempts == 1 && retried.lastError == "550 5.1.1 mailbox unavailable")
            #expect(try await Self.isDue(live, failed), "the deliverer claims it again")
        }
    }

    @Test("API: a failed email retried → 200, pending and due; again → 409; a sent one 409; another tenant's and unknown 404")
    func retryThroughTheAPI() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            let seq = try await Self.failedEmail(live, "zoe@example.com", tenant: tenant)
            let listed = try await admin.get("/api/v1/events?kind=InvitationEmailRequested")
            #expect(listed.text.contains("\"failed\""), "\(listed.text)")

            let retried = try await admin.post("/api/v1/events/\(seq)/retry", .null)
            #expect(retried.status == 200, "\(retried.text)")
            #expect(retried[attribute: "id"] == .string(String(seq)) && retried[attribute: "status"] == "pending")
            #expect(retried[attribute: "kind"] == "InvitationEmailRequested" && retried[attribute: "email"] == "zoe@example.com")
            #expect(retried[attribute: "attempts"] == .integer(1) && retried[attribute: "lastError"] == "550 5.1.1 mailbox unavailable")
            #expect(retried[attribute: "nextAttemptAt"]?.stringValue != nil && retried[attribute: "failedAt"] == nil)
            #expect(try await Self.isDue(live, seq))

            let again = try await admin.post("/api/v1/events/\(seq)/retry", .null)
            #expect(again.status == 409 && again[attribute: "detail"]?.stringValue?.contains("only a failed email") == true, "\(again.text)")
            try await live.server.persistence.write { tx in try tx.outbox.markDelivered(seq: seq, at: Date()) }
            let sent = try await admin.post("/api/v1/events/\(seq)/retry", .null)
            #expect(sent.status == 409 && sent[attribute: "detail"]?.stringValue?.contains("sent already") == true, "\(sent.text)")
            #expect(try await Self.entry(live, seq, tenant: tenant)?.status == .delivered)

            let other = try await live.store.createTenant(name: "other")
            let theirs = try await Self.failedEmail(live, "eve@other.example", tenant: other.id)
            let answer = try await admin.post("/api/v1/events/\(theirs)/retry", .null)
            #expect(answer.status == 404 && !answer.text.contains("eve@other.example") && !answer.text.contains("Swift"), "\(answer.text)")
            #expect(try await Self.entry(live, theirs, tenant: other.id)?.status == .failed, "theirs unchanged")
            for path in ["/api/v1/events/0/retry", "/api/v1/events/abc/retry", "/api/v1/events/99999999/retry"] {
                #expect(try await admin.post(path, .null).status == 404, "\(path)")
            }
        }
    }

    @Test("console: Retry on a failed row only, says so in English and French; refused (409) once sent")
    func retryInTheConsole() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            let seq = try await Self.failedEmail(live, "zoe@example.com", tenant: tenant)
            _ = try await ConsoleStatisticsTests.services(live).invitations.invite(try EmailAddress("ada@example.com"), givenName: "",
                                                                                    familyName: "", tenant: tenant, at: Date())
            let page = try await browser.get("/admin/emails?lang=en")
            #expect(page.status == 200 && page.text.contains("action=\"/admin/emails/\(seq)/retry\""), "\(page.text)")
            #expect(page.text.contains("Retry the email to zoe@example.com"))
            #expect(page.text.components(separatedBy: "/retry\"").count == 2, "one button: only the failed row has one")
            #expect(try await browser.get("/admin/emails?lang=fr").text.contains("Réessayer"))

            let retried = try await browser.post("/admin/emails/\(seq)/retry", [], from: "/admin/emails?lang=en")
            #expect(retried.status == 200 && retried.text.contains("The email to zoe@example.com is due again"), "\(retried.text)")
            #expect(!retried.text.contains("/admin/emails/\(seq)/retry\""), "no button once it is waiting again")
            #expect(try await Self.isDue(live, seq))

            let refused = try await browser.post("/admin/emails/\(seq)/retry?lang=fr", [], from: "/admin/emails")
            #expect(refused.status == 409 && refused.text.contains("Seul un email en échec peut être réessayé"), "\(refused.text)")

            try await live.server.persistence.write { tx in
                try tx.outbox.markFailed(seq: seq, error: "550 again", retryAt: nil, at: Date())
            }
            let french = try await browser.post("/admin/emails/\(seq)/retry?lang=fr", [], from: "/admin/emails")
            #expect(french.status == 200 && french.text.contains("L’email à zoe@example.com est de nouveau à envoyer"), "\(french.text)")
        }
    }

    @Test("console: CSRF missing → 403, a program manager → 403, another organisation's → 404; nothing changes")
    func consoleSecurity() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            let seq = try await Self.failedEmail(live, "zoe@example.com", tenant: tenant)
            let path = "/admin/emails/\(seq)/retry"
            #expect(try await PortalTests.post(browser.client, path, [], cookies: browser.cookies).status == 403, "no CSRF token")
            let manager = try await ConsoleTests.signInByLink(live, email: "pm@example.com", role: .programManager)
            #expect(try await manager.post(path, [], from: "/admin/programs").status == 403)
            #expect(try await Self.entry(live, seq, tenant: tenant)?.status == .failed, "still failed")

            let other = try await live.store.createTenant(name: "other")
            let theirs = try await Self.failedEmail(live, "eve@other.example", tenant: other.id)
            let answer = try await browser.post("/admin/emails/\(theirs)/retry", [], from: "/admin/emails")
            #expect(answer.status == 404 && !answer.text.contains("eve@other.example"))
            #expect(try await Self.entry(live, theirs, tenant: other.id)?.status == .failed, "theirs unchanged")
            #expect(try await browser.post("/admin/emails/abc/retry", [], from: "/admin/emails").status == 404)
        }
    }
}

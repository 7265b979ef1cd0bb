import Coffee
import Foundation
@testable import Percolator
import SCIM
import Store
import Testing
import TestSupport

/// Every link an email carries reaches a page (issue 12: the invitation and welcome
/// links answered 404 before the portal existed).
@Suite("Email links — every link of every email kind reaches a portal page")
struct EmailLinksTests {
    static let portal = "http://portal.test"

    @Test("welcome, invitation, sign-in link, match introduction, feedback and unsubscribe links: none answers 404")
    func everyLinkWorks() async throws {
        try await LiveServer.with({ $0.outbox.portalURL = Self.portal }) { live in
            let admin = try live.client(token: live.adminToken)
            // A program for everyone, three members, one matched session.
            let created = try await admin.post("/api/v1/programs", [
                "name": "Coffee", "audience": ["type": "all"], "groupSize": 2,
                "schedule": ["type": "recurring", "everyWeeks": 1, "weekday": 1, "time": "09:30", "timezone": "Europe/Paris"],
            ])
            let program = try #require(created[attribute: "id"]?.stringValue)
            for name in ["ada", "bo", "cy"] {
                let added = try await admin.post("/api/v1/members", ["givenName": .string(name), "familyName": "Test",
                                                                       "email": .string("\(name)@example.com"), "sendWelcomeEmail": true])
                #expect(added.status == 201, "\(added.text)")
            }
            #expect(try await admin.post("/api/v1/invitations", ["email": "dee@example.com"]).status == 201)
            let browser = try live.client()
            let page = try await browser.get("/sign-in")
            let form = try #require(PortalTests.cookie(PortalEndpoints.formCookie, in: page))
            _ = try await PortalTests.post(browser, "/sign-in", [("csrf", form), ("email", "ada@example.com")],
                                           cookies: ["\(PortalEndpoints.formCookie)=\(form)"], origin: Self.portal)
            #expect(try await admin.post("/api/v1/programs/\(program)/activate", [:]).status == 200)
            let sessions = try await admin.get("/api/v1/programs/\(program)/sessions")
            let session = try #require(sessions[attribute: "items"]?.arrayValue?.first?[attribute: "id"]?.stringValue)
            let path = "/api/v1/sessions/\(session.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? session)"
            #expect(try await admin.post("\(path)/match", [:]).status == 200)

            _ = try await PortalFeedbackTests.questions(live)  // "Did you meet?", as queued once due
            let tenant = try #require(try await live.store.tenants().first).id
            let entries = try await live.server.persistence.read { tx in
                try IntroductionHydration.hydrate(try tx.outbox.page(tenant: tenant, after: 0, limit: 500), in: tx)  // as sent
            }
            var kinds = Set<String>()
            var links = Set<String>()
            for entry in entries {
                // As the deliverer sends it: an email to one member carries an unsubscribe link.
                let isForOneMember = EventKind(rawValue: entry.kind).map(OutboxEmailComposer.singleMemberKinds.contains) ?? false
                let unsubscribe = isForOneMember ? try await live.server.persistence.write { tx in
                    try PortalService.issueUnsubscribeLink(member: MemberID(entry.subject), tenant: tenant, at: Date(), in: tx)
                } : nil
                guard let message = OutboxEmailComposer.message(for: entry, settings: live.server.configuration.outbox,
                                                                unsubscribeToken: unsubscribe) else { continue }
                kinds.insert(entry.kind)
                let text = message.textBody
                var rest = Substring(text)
                while let start = rest.range(of: Self.portal) {
                    let link = rest[start.lowerBound...].prefix { !$0.isWhitespace && $0 != ">" && $0 != ")" }
                    links.insert(String(link))
                    rest = rest[start.upperBound...]
                }
            }
            // (Three members make one group of three here, so nobody is left unmatched; the
            // unmatched notice links to the portal's root, as the welcome email does.)
            #expect(kinds.isSuperset(of: ["WelcomeEmailRequested", "InvitationEmailRequested", "SignInLinkRequested",
                                          "MatchIntroRequested", "MeetingFeedbackRequested"]), "\(kinds)")
            #expect(links.contains { $0.contains("/invitations/accept?token=") } && links.contains { $0.contains("/sign-in/link?token=") },
                    "\(links)")
            #expect(links.contains { $0.contains("/feedback?token=") && $0.contains("&met=not-yet") }
                    && links.contains { $0.contains("/unsubscribe?token=") }, "\(links)")
            for link in links {
                let target = String(link.dropFirst(Self.portal.count))
                let answer = try await browser.get(target.isEmpty ? "/" : target)
                #expect(answer.status != 404 && answer.status < 500, "\(link) answered \(answer.status)")
            }
        }
    }
}

import Coffee
import Foundation
import HTTP
import Synchronization
@testable import Percolator
import SCIM
import Store
import Testing
import TestSupport

/// "Did you meet?" and one-click unsubscribe in the Member Portal (issue 12): the
/// matches page's form, the follow-up email's links (a GET changes nothing), program
/// statistics, RFC 8058 unsubscribe and coming back.
@Suite("Member Portal — meeting feedback and unsubscribe over HTTP")
struct PortalFeedbackTests {
    /// Two members who accepted their invitations, one program, one matched session.
    struct Matched {
        var program: String
        var ada: String
        var bo: String
    }

    static func matched(_ live: LiveServer, programName: String = "Coffee roulette") async throws -> Matched {
        let admin = try live.client(token: live.adminToken)
        let created = try await admin.post("/api/v1/programs", [
            "name": .string(programName), "audience": ["type": "all"], "groupSize": 2, "feedbackDelayDays": 2,
            "schedule": ["type": "recurring", "everyWeeks": 1, "weekday": 1, "time": "09:30", "timezone": "Europe/Paris"],
        ])
        #expect(created.status == 201, "\(created.text)")
        #expect(created[attribute: "feedbackDelayDays"] == 2)
        let program = try #require(created[attribute: "id"]?.stringValue)
        #expect(try await admin.post("/api/v1/programs/\(program)/activate", [:]).status == 200)
        let ada = try await PortalTests.acceptInvitation(live, token: try await PortalTests.invite(live, "ada@example.com"))
        let bo = try await PortalTests.acceptInvitation(live, token: try await PortalTests.invite(live, "bo@example.com"))
        let sessions = try await admin.get("/api/v1/programs/\(program)/sessions")
        let session = try #require(sessions[attribute: "items"]?.arrayValue?.first?[attribute: "id"]?.stringValue)
        let path = "/api/v1/sessions/\(session.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? session)"
        #expect(try await admin.post("\(path)/match", [:]).status == 200)
        return Matched(program: program, ada: "\(PortalEndpoints.sessionCookie)=\(ada)", bo: "\(PortalEndpoints.sessionCookie)=\(bo)")
    }

    /// A JSON number as a `Double`.
    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .decimal(let number): number
        case .integer(let number): Double(number)
        default: nil
        }
    }

    static func entries(_ live: LiveServer, kind: String) async throws -> [OutboxEntry] {
        let tenant = try #require(try await live.store.tenants().first).id
        return try await live.server.persistence.read { tx in try tx.outbox.page(tenant: tenant, after: 0, limit: 200, kind: kind) }
    }

    /// The groups' scheduled "Did you meet?" rows, as the deliverer queues them when it
    /// sends each introduction (``ScheduledFeedback/schedule(after:in:)``), without sending.
    static func scheduleFeedback(_ live: LiveServer) async throws -> [OutboxEntry] {
        for entry in try await entries(live, kind: EventKind.matchIntroRequested.rawValue) {
            try await live.server.persistence.write { tx in try ScheduledFeedback.schedule(after: entry, in: tx) }
        }
        return try await entries(live, kind: EventKind.meetingFeedbackScheduled.rawValue)
    }

    /// The "Did you meet?" questions, as the deliverer queues them once a group's
    /// introduction is sent and its scheduled row falls due (``ScheduledFeedback``), not
    /// sent: their tokens still in the payloads. Expanding again queues nothing more.
    static func questions(_ live: LiveServer) async throws -> [OutboxEntry] {
        for entry in try await scheduleFeedback(live) {
            let scheduled = try #require(ScheduledFeedback.scheduled(in: entry))
            try await live.server.persistence.write { tx in try ScheduledFeedback.expand(scheduled, at: Date(), in: tx) }
        }
        return try await entries(live, kind: EventKind.meetingFeedbackRequested.rawValue)
    }

    /// A delivery of what is due `days` from now by a deliverer whose relay accepts every
    /// message and hands it to `record`, on a thread of its own as the server runs it
    /// (deliverDue blocks).
    static func delivery(_ live: LiveServer, record: @escaping @Sendable (EmailMessage) -> Void) -> @Sendable (Double) async -> Int {
        let persistence = live.server.persistence
        return { days in
            await onOwnThread {
                OutboxDeliverer(persistence: persistence, settings: OutboxSettings(), send: { message throws(SMTPError) in
                    record(message)
                    return SMTPDelivery(accepted: message.to)
                }, now: { Date().addingTimeInterval(days * 86_400) }).deliverDue()
            }
        }
    }

    /// The `action` of the first form whose action contains `fragment`.
    static func formAction(containing fragment: String, in page: SCIMTestClient.Response) -> String? {
        var rest = Substring(page.text)
        while let range = rest.range(of: #"action=""#) {
            let action = String(rest[range.upperBound...].prefix { $0 != "\"" })
            if action.contains(fragment) { return action.replacingOccurrences(of: "&amp;", with: "&") }
            rest = rest[range.upperBound...]
        }
        return nil
    }

    @Test("the matches page asks \"Did you meet?\"; the answer and rating feed the program's statistics")
    func answerOnMatchesPage() async throws {
        try await LiveServer.with { live in
            let matched = try await Self.matched(live)
            let browser = try live.client()
            let page = try await browser.get("/matches", headers: [("Cookie", matched.ada)])
            #expect(page.status == 200 && page.text.contains("name=\"met\""), "\(page.text)")
            let action = try #require(Self.formAction(containing: "/feedback", in: page))
            let csrf = try #require(PortalTests.csrf(page))

            // A cross-site POST, an unknown answer, a rating out of range: refused, nothing recorded.
            let crossSite = try await PortalTests.post(browser, action, [("csrf", csrf), ("met", "yes")], cookies: [matched.ada],
                                                       origin: "https://evil.example")
            #expect(crossSite.status == 403)
            #expect(try await PortalTests.post(browser, action, [("csrf", csrf), ("met", "maybe")], cookies: [matched.ada]).status == 400)
            #expect(try await PortalTests.post(browser, action, [("csrf", csrf), ("met", "yes"), ("rating", "9")],
                                               cookies: [matched.ada]).status == 400)
            // A group Ada was not in.
            #expect(try await PortalTests.post(browser, "/matches/nope%2F0/feedback", [("csrf", csrf), ("met", "yes")],
                                               cookies: [matched.ada]).status == 400)
            let before = try await live.client(token: live.adminToken).get("/api/v1/programs/\(matched.program)/statistics")
            #expect(before[attribute: "feedback"]?[attribute: "answers"] == 0, "\(before.text)")

            let answered = try await PortalTests.post(browser, action, [("csrf", csrf), ("met", "yes"), ("rating", "4")],
                                                      cookies: [matched.ada])
            #expect(answered.status == 303 && answered.headers["location"] == "/matches")
            let again = try await browser.get("/matches", headers: [("Cookie", matched.ada)])
            #expect(again.text.contains("Your answer: Yes"), "the recorded answer is shown")
            // Bo says not yet: the meeting rate counts decided answers only.
            let boPage = try await browser.get("/matches", headers: [("Cookie", matched.bo)])
            let boAction = try #require(Self.formAction(containing: "/feedback", in: boPage))
            #expect(try await PortalTests.post(browser, boAction, [("csrf", try #require(PortalTests.csrf(boPage))), ("met", "not-yet")],
                                               cookies: [matched.bo]).status == 303)

            let statistics = try await live.client(token: live.adminToken).get("/api/v1/programs/\(matched.program)/statistics")
            let feedback = try #require(statistics[attribute: "feedback"])
            #expect(feedback[attribute: "answers"] == 2 && feedback[attribute: "met"] == 1 && feedback[attribute: "notYet"] == 1)
            #expect(Self.number(feedback[attribute: "meetingRate"]) == 1.0)
            #expect(Self.number(feedback[attribute: "averageRating"]) == 4.0)
        }
    }

    @Test("the follow-up email is due days later; its link's GET records nothing, its POST records, it works again, its token does nothing else")
    func feedbackLink() async throws {
        try await LiveServer.with { live in
            let matched = try await Self.matched(live, programName: "Coffee <script>alert(1)</script>")
            // The match stages no feedback row (issue 16); sending the group's introduction
            // queues one small row, and its questions and their links are made when it falls due.
            #expect(try await Self.entries(live, kind: EventKind.meetingFeedbackScheduled.rawValue).isEmpty,
                    "nothing before the introduction is sent")
            let scheduled = try #require(try await Self.scheduleFeedback(live).first)
            #expect(try await Self.scheduleFeedback(live).count == 1, "once per group however often it is sent")
            #expect(scheduled.nextAttemptAt.timeIntervalSince(scheduled.occurredAt) >= 2 * 86_400 - 1)
            #expect(try await Self.entries(live, kind: EventKind.meetingFeedbackRequested.rawValue).isEmpty, "no question before")
            let questions = try await Self.questions(live)
            #expect(questions.count == 2, "one question per member of the group")
            let question = try #require(questions.first)
            #expect(question.nextAttemptAt.timeIntervalSince(question.occurredAt) >= 2 * 86_400 - 1,
                    "due the program's feedback delay after the match")
            let message = try #require(OutboxEmailComposer.message(for: question, settings: live.server.configuration.outbox))
            #expect(!message.textBody.contains("<script>") || message.textBody.contains("Coffee <script>"), "plain text")
            let token = try #require(question.payload.invitationToken)
            #expect(message.textBody.contains("/feedback?token=\(token)&met=yes") && message.textBody.contains("&met=not-yet"))

            let browser = try live.client()
            let page = try await browser.get("/feedback?token=\(token)&met=no")
            #expect(page.status == 200, "\(page.text)")
            #expect(!page.text.contains("<script>alert(1)") && page.text.contains("&lt;script&gt;"), "the program's name is escaped")
            #expect(page.text.contains(#"value="no" checked"#) || page.text.contains(#"checked value="no""#)
                    || page.text.range(of: #"value="no"[^>]*checked"#, options: .regularExpression) != nil,
                    "the link's answer is preselected")
            let untouched = try await live.client(token: live.adminToken).get("/api/v1/programs/\(matched.program)/statistics")
            #expect(untouched[attribute: "feedback"]?[attribute: "answers"] == 0, "a GET (a mail scanner) records nothing")

            let formCookie = try #require(PortalTests.cookie(PortalEndpoints.formCookie, in: page))
            let cookies = ["\(PortalEndpoints.formCookie)=\(formCookie)"]
            let noCSRF = try await PortalTests.post(browser, "/feedback", [("token", token), ("met", "no")], cookies: cookies)
            #expect(noCSRF.status == 403)
            let posted = try await PortalTests.post(browser, "/feedback", [("csrf", formCookie), ("token", token), ("met", "no")],
                                                    cookies: cookies)
            #expect(posted.status == 200 && posted.text.contains("Your changes are saved."), "\(posted.text)")
            let changed = try await PortalTests.post(browser, "/feedback", [("csrf", formCookie), ("token", token), ("met", "yes"),
                                                                            ("rating", "5")], cookies: cookies)
            #expect(changed.status == 200, "the link works again: the answer is replaced")
            let statistics = try await live.client(token: live.adminToken).get("/api/v1/programs/\(matched.program)/statistics")
            #expect(statistics[attribute: "feedback"]?[attribute: "answers"] == 1 && statistics[attribute: "feedback"]?[attribute: "met"] == 1)

            #expect(try await browser.get("/feedback?token=nope&met=yes").status == 410)
            #expect(try await browser.get("/unsubscribe?token=\(token)").status == 410, "a feedback token does not unsubscribe")
        }
    }

    @Test("RFC 8058: member emails carry List-Unsubscribe; the one-click POST unsubscribes without cookie or form token; the member can come back")
    func oneClickUnsubscribe() async throws {
        try await LiveServer.with { live in
            _ = try await PortalTests.acceptInvitation(live, token: try await PortalTests.invite(live, "ada@example.com"))
            let admin = try live.client(token: live.adminToken)
            let ada = try #require(try await admin.members().first?[attribute: "id"]?.stringValue)
            let tenant = try #require(try await live.store.tenants().first).id
            let invitation = try #require(try await Self.entries(live, kind: "InvitationEmailRequested").first)
            let token = try #require(try await live.server.persistence.write { tx in
                try PortalService.issueUnsubscribeLink(member: MemberID(ada), tenant: tenant, at: Date(), in: tx)
            })
            let message = try #require(OutboxEmailComposer.message(for: invitation, settings: live.server.configuration.outbox,
                                                                   unsubscribeToken: token))
            let url = "\(live.server.configuration.outbox.portalURL)/unsubscribe?token=\(token)"
            #expect(message.headers.contains(EmailHeader(name: "List-Unsubscribe", value: "<\(url)>")))
            #expect(message.headers.contains(EmailHeader(name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click")))
            #expect(message.textBody.contains(url))

            let browser = try live.client()
            let page = try await browser.get("/unsubscribe?token=\(token)")
            #expect(page.status == 200 && page.text.contains("Unsubscribe"))
            #expect(try await admin.members().first?[attribute: "localStatus"] == "active", "a GET changes nothing")
            // The page's own form needs its form token.
            let noCSRF = try await PortalTests.post(browser, "/unsubscribe", [("token", token)], cookies: [])
            #expect(noCSRF.status == 403)
            #expect(try await admin.members().first?[attribute: "localStatus"] == "active")
            #expect(try await browser.send("POST", "/unsubscribe?token=nope", rawBody: "List-Unsubscribe=One-Click",
                                           headers: [("Content-Type", "application/x-www-form-urlencoded")]).status == 410)

            // The mail client's one-click POST: no cookie, no Origin, no form token.
            let oneClick = try await browser.send("POST", "/unsubscribe?token=\(token)", rawBody: "List-Unsubscribe=One-Click",
                                                  headers: [("Content-Type", "application/x-www-form-urlencoded")])
            #expect(oneClick.status == 200 && oneClick.text.contains("You are unsubscribed"), "\(oneClick.text)")
            let member = try #require(try await admin.members().first)
            #expect(member[attribute: "localStatus"] == "inactive" && member[attribute: "inactiveReason"] == "unsubscribed")

            // Coming back: the page's button (a form with its token).
            let formCookie = try #require(PortalTests.cookie(PortalEndpoints.formCookie, in: oneClick))
            let crossSite = try await PortalTests.post(browser, "/unsubscribe/undo", [("csrf", formCookie), ("token", token)],
                                                       cookies: ["\(PortalEndpoints.formCookie)=\(formCookie)"], origin: "https://evil.example")
            #expect(crossSite.status == 403)
            let back = try await PortalTests.post(browser, "/unsubscribe/undo", [("csrf", formCookie), ("token", token)],
                                                  cookies: ["\(PortalEndpoints.formCookie)=\(formCookie)"])
            #expect(back.status == 200 && back.text.contains("Welcome back"), "\(back.text)")
            #expect(try await admin.members().first?[attribute: "localStatus"] == "active")
        }
    }

    @Test("the admin API tells who signed in and completed the member-editable categories, and the share of members who did")
    func portalProgress() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            #expect(try await admin.post("/api/v1/categories", ["key": "hobby", "label": "Hobby", "type": "singleSelect",
                                                                "values": ["Chess", "Go"], "memberEditable": true]).status == 201)
            let session = try await PortalTests.acceptInvitation(live, token: try await PortalTests.invite(live, "ada@example.com"))
            _ = try await PortalTests.invite(live, "bo@example.com")
            func progress(_ userName: String) async throws -> JSONValue? {
                try await admin.members().first { $0[attribute: "userName"] == .string(userName) }?[attribute: "portal"]
            }
            let ada = try #require(try await progress("ada@example.com"))
            #expect(ada[attribute: "signedIn"] == true && ada[attribute: "firstSignInAt"]?.stringValue != nil)
            #expect(ada[attribute: "categoriesComplete"] == false)
            #expect(try await progress("bo@example.com")?[attribute: "signedIn"] == false)
            var summary = try await admin.get("/api/v1/portal/progress")
            #expect(summary.status == 200 && summary[attribute: "members"] == 2 && summary[attribute: "signedIn"] == 1
                    && summary[attribute: "completedCategories"] == 0, "\(summary.text)")

            let browser = try live.client()
            let cookie = "\(PortalEndpoints.sessionCookie)=\(session)"
            let profile = try await browser.get("/profile", headers: [("Cookie", cookie)])
            #expect(try await PortalTests.post(browser, "/profile", [("csrf", try #require(PortalTests.csrf(profile))),
                                                                     ("categories", "hobby"), ("category.hobby", "Go")],
                                               cookies: [cookie]).status == 303)
            #expect(try await progress("ada@example.com")?[attribute: "categoriesComplete"] == true)
            summary = try await admin.get("/api/v1/portal/progress")
            #expect(summary[attribute: "completedCategories"] == 1 && Self.number(summary[attribute: "completedCategoriesShare"]) == 0.5,
                    "\(summary.text)")
        }
    }

    @Test("with the portal off, a match asks no \"Did you meet?\", emails carry no unsubscribe link, and earlier links stop working")
    func portalOff() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            _ = try await Self.matched(live)
            let token = try #require(try await Self.questions(live).first?.payload.invitationToken)
            let tenant = try #require(try await live.store.tenants().first).id
            let ada = try #require(try await admin.members().first?[attribute: "id"]?.stringValue)
            #expect(try await admin.send("PATCH", "/api/v1/settings", body: ["memberPortal": false]).status == 200)
            let issued = try await live.server.persistence.write { tx in
                try PortalService.issueUnsubscribeLink(member: MemberID(ada), tenant: tenant, at: Date(), in: tx)
            }
            #expect(issued == nil, "no portal link in emails when the portal is off")
            let feedback = try await live.client().get("/feedback?token=\(token)&met=yes")
            #expect(feedback.status == 404 && feedback.text.contains("The Member Portal is not available"), "\(feedback.text)")

            // A second program matched with the portal off: no question is queued.
            let created = try await admin.post("/api/v1/programs", [
                "name": "Second", "audience": ["type": "all"], "groupSize": 2,
                "schedule": ["type": "recurring", "everyWeeks": 1, "weekday": 3, "time": "09:30", "timezone": "Europe/Paris"],
            ])
            let program = try #require(created[attribute: "id"]?.stringValue)
            #expect(try await admin.post("/api/v1/programs/\(program)/activate", [:]).status == 200)
            let sessions = try await admin.get("/api/v1/programs/\(program)/sessions")
            let session = try #require(sessions[attribute: "items"]?.arrayValue?.first?[attribute: "id"]?.stringValue)
            #expect(try await admin.post("/api/v1/sessions/\(session.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? session)/match",
                                         [:]).status == 200)
            #expect(try await Self.questions(live).count == 2, "only the first match's questions")
            #expect(try await Self.entries(live, kind: EventKind.meetingFeedbackScheduled.rawValue).count == 1)
        }
    }

    @Test("with the portal off, feedback, sign-up and sign-in links answer \"not available\" in the organisation's name; an unsubscribe link still unsubscribes")
    func portalOffLinks() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            _ = try await Self.matched(live)
            let feedback = try #require(try await Self.questions(live).first?.payload.invitationToken)
            let tenant = try #require(try await live.store.tenants().first)
            let ada = try #require(try await admin.members().first { $0[attribute: "userName"] == "ada@example.com" }?[attribute: "id"]?.stringValue)
            let unsubscribe = try #require(try await live.server.persistence.write { tx in
                try PortalService.issueUnsubscribeLink(member: MemberID(ada), tenant: tenant.id, at: Date(), in: tx)
            })
            #expect(try await admin.send("PATCH", "/api/v1/settings", body: ["allowedEmailDomains": ["example.com"]]).status == 200)
            let signUpLink = try #require(try await admin.post("/api/v1/invitation-link", [:])[attribute: "token"]?.stringValue)
            let browser = try live.client()
            let page = try await browser.get("/sign-up?token=\(signUpLink)")
            let formCookie = try #require(PortalTests.cookie(PortalEndpoints.formCookie, in: page))
            let cookies = ["\(PortalEndpoints.formCookie)=\(formCookie)"]
            // A sign-up confirmation and a sign-in link issued while the portal was on.
            #expect(try await PortalTests.post(browser, "/sign-up", [("csrf", formCookie), ("token", signUpLink), ("givenName", "Jo"),
                                                                      ("familyName", "Doe"), ("email", "jo@example.com")], cookies: cookies).status == 200)
            let confirmation = try #require(try await Self.entries(live, kind: "SignUpConfirmationRequested").first?.payload.invitationToken)
            #expect(try await PortalTests.post(browser, "/sign-in", [("csrf", formCookie), ("email", "ada@example.com")], cookies: cookies).status == 200)
            let signIn = try #require(try await Self.entries(live, kind: "SignInLinkRequested").first?.payload.invitationToken)

            #expect(try await admin.send("PATCH", "/api/v1/settings", body: ["memberPortal": false]).status == 200)
            func isUnavailable(_ response: SCIMTestClient.Response) -> Bool {
                response.status == 404 && response.text.contains("The Member Portal is not available")
                    && response.text.contains(tenant.name) && !response.text.contains("expired")
            }
            for path in ["/feedback?token=\(feedback)&met=yes", "/sign-up?token=\(signUpLink)"] {
                let answer = try await browser.get(path)
                #expect(isUnavailable(answer), "\(path): \(answer.status) \(answer.text)")
            }
            let posts: [(String, [(String, String)])] = [
                ("/feedback", [("csrf", formCookie), ("token", feedback), ("met", "yes")]),
                ("/sign-up", [("csrf", formCookie), ("token", signUpLink), ("givenName", "Al"), ("familyName", "Doe"), ("email", "al@example.com")]),
                ("/sign-up/confirm", [("csrf", formCookie), ("token", confirmation)]),
                ("/sign-in/link", [("csrf", formCookie), ("token", signIn)]),
            ]
            for (path, fields) in posts {
                let answer = try await PortalTests.post(browser, path, fields, cookies: cookies)
                #expect(isUnavailable(answer), "\(path): \(answer.status) \(answer.text)")
            }
            #expect(try await admin.members().count == 2, "no sign-up completed")
            #expect(try await Self.entries(live, kind: "SignUpConfirmationRequested").count == 1)
            #expect(try await browser.get("/feedback?token=nope").status == 410, "an unknown link still says it expired")

            // A member can always stop the emails: the unsubscribe link works with the portal off.
            #expect(try await browser.get("/unsubscribe?token=\(unsubscribe)").status == 200)
            let oneClick = try await browser.send("POST", "/unsubscribe?token=\(unsubscribe)", rawBody: "List-Unsubscribe=One-Click",
                                                  headers: [("Content-Type", "application/x-www-form-urlencoded")])
            #expect(oneClick.status == 200 && oneClick.text.contains("You are unsubscribed"), "\(oneClick.text)")
            let member = try #require(try await admin.members().first { $0[attribute: "id"]?.stringValue == ada })
            #expect(member[attribute: "localStatus"] == "inactive" && member[attribute: "inactiveReason"] == "unsubscribed")

            // Back on, the links that were not spent work again.
            #expect(try await admin.send("PATCH", "/api/v1/settings", body: ["memberPortal": true]).status == 200)
            #expect(try await browser.get("/feedback?token=\(feedback)&met=yes").status == 200)
            let confirmed = try await PortalTests.post(browser, "/sign-up/confirm", [("csrf", formCookie), ("token", confirmation)], cookies: cookies)
            #expect(confirmed.status == 303, "the refused confirmation was not spent: \(confirmed.text)")
        }
    }

    @Test("the retention job deletes spent and expired link rows; a link that still works is kept")
    func linkPurge() async throws {
        try await LiveServer.with { (live: LiveServer) async throws in
            _ = try await PortalTests.acceptInvitation(live, token: try await PortalTests.invite(live, "ada@example.com"))
            let tenant = try #require(try await live.store.tenants().first).id
            let ada = try #require(try await live.client(token: live.adminToken).members().first?[attribute: "id"]?.stringValue)
            let unsubscribe = try #require(try await live.server.persistence.write { tx in
                try PortalService.issueUnsubscribeLink(member: MemberID(ada), tenant: tenant, at: Date(), in: tx)
            })
            let browser = try live.client()
            let page = try await browser.get("/sign-in")
            let formCookie = try #require(PortalTests.cookie(PortalEndpoints.formCookie, in: page))
            let cookies = ["\(PortalEndpoints.formCookie)=\(formCookie)"]
            #expect(try await PortalTests.post(browser, "/sign-in", [("csrf", formCookie), ("email", "ada@example.com")], cookies: cookies).status == 200)
            let signIn = try #require(try await Self.entries(live, kind: "SignInLinkRequested").first?.payload.invitationToken)
            #expect(try await PortalTests.post(browser, "/sign-in/link", [("csrf", formCookie), ("token", signIn)], cookies: cookies).status == 303)

            let purge = RetentionPurge(persistence: live.server.persistence)
            #expect(try await purge.purgePortalLinks(at: Date()) == 1, "the spent sign-in link")
            #expect(try await browser.get("/unsubscribe?token=\(unsubscribe)").status == 200, "a link that still works is kept")
            #expect(try await purge.purgePortalLinks(at: Date().addingTimeInterval(PortalService.unsubscribeLinkLifetime + 60)) >= 1)
            #expect(try await browser.get("/unsubscribe?token=\(unsubscribe)").status == 410)
        }
    }

    @Test("the sign-up link's page enforces the allowed domains, emails a confirmation before any member exists, and its link works once")
    func signUp() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            #expect(try await admin.send("PATCH", "/api/v1/settings", body: ["allowedEmailDomains": ["acme.example"]]).status == 200)
            let created = try await admin.post("/api/v1/invitation-link", [:])
            let link = try #require(created[attribute: "token"]?.stringValue)
            let browser = try live.client()
            #expect(try await browser.get("/sign-up?token=nope").status == 410)
            let page = try await browser.get("/sign-up?token=\(link)")
            #expect(page.status == 200 && page.text.contains("@acme.example"), "\(page.text)")
            let formCookie = try #require(PortalTests.cookie(PortalEndpoints.formCookie, in: page))
            let cookies = ["\(PortalEndpoints.formCookie)=\(formCookie)"]
            func signUp(_ email: String, given: String = "<script>alert(1)</script>") async throws -> SCIMTestClient.Response {
                try await PortalTests.post(browser, "/sign-up", [("csrf", formCookie), ("token", link), ("givenName", given),
                                                                 ("familyName", "Doe"), ("email", email)], cookies: cookies)
            }
            let elsewhere = try await signUp("jo@gmail.com")
            #expect(elsewhere.status == 400 && elsewhere.text.contains("@acme.example"), "a clear message names the allowed domains")
            #expect(!elsewhere.text.contains("<script>alert(1)") && elsewhere.text.contains("&lt;script&gt;"))
            #expect(try await signUp("jo@acme.example", given: " ").status == 400, "a name is needed")
            #expect(try await Self.entries(live, kind: "SignUpConfirmationRequested").isEmpty)
            let crossSite = try await PortalTests.post(browser, "/sign-up", [("csrf", formCookie), ("token", link), ("givenName", "Jo"),
                                                                              ("familyName", "Doe"), ("email", "jo@acme.example")],
                                                       cookies: cookies, origin: "https://evil.example")
            #expect(crossSite.status == 403)

            let sent = try await signUp("Jo@acme.example")
            #expect(sent.status == 200 && sent.text.contains("Jo@acme.example"), "\(sent.text)")
            #expect(try await admin.members().isEmpty, "no member before the address is confirmed")
            let confirmation = try #require(try await Self.entries(live, kind: "SignUpConfirmationRequested").first)
            let token = try #require(confirmation.payload.invitationToken)
            let message = try #require(OutboxEmailComposer.message(for: confirmation, settings: live.server.configuration.outbox))
            #expect(message.to == ["Jo@acme.example"] && message.textBody.contains("/sign-up/confirm?token=\(token)"))

            #expect(try await browser.get("/sign-up/confirm?token=\(token)").status == 200)
            #expect(try await admin.members().isEmpty, "a GET (a mail scanner) creates nobody")
            let confirmed = try await PortalTests.post(browser, "/sign-up/confirm", [("csrf", formCookie), ("token", token)], cookies: cookies)
            #expect(confirmed.status == 303 && confirmed.headers["location"] == "/profile", "\(confirmed.text)")
            let session = try #require(PortalTests.cookie(PortalEndpoints.sessionCookie, in: confirmed))
            let member = try #require(try await admin.members().first)
            #expect(member[attribute: "source"] == "invitation" && member[attribute: "localStatus"] == "active"
                    && member[attribute: "portal"]?[attribute: "signedIn"] == true)
            let profile = try await browser.get("/profile", headers: [("Cookie", "\(PortalEndpoints.sessionCookie)=\(session)")])
            #expect(profile.status == 200 && !profile.text.contains("<script>alert(1)"))
            let again = try await PortalTests.post(browser, "/sign-up/confirm", [("csrf", formCookie), ("token", token)], cookies: cookies)
            #expect(again.status == 410, "the confirmation link works once")
            // Signing up again with the same address: the same answer, no second email, no second member.
            #expect(try await signUp("jo@acme.example").status == 200)
            #expect(try await Self.entries(live, kind: "SignUpConfirmationRequested").count == 1)
        }
    }

    @Test("link requests are limited per client too: the 21st from one peer address within minutes is refused, whatever the address asked for")
    func perClientRateLimit() async throws {
        try await LiveServer.with { live in
            let browser = try live.client()
            let page = try await browser.get("/sign-in")
            let formCookie = try #require(PortalTests.cookie(PortalEndpoints.formCookie, in: page))
            let cookies = ["\(PortalEndpoints.formCookie)=\(formCookie)"]
            for index in 0..<20 {
                let asked = try await PortalTests.post(browser, "/sign-in", [("csrf", formCookie), ("email", "person\(index)@example.com")],
                                                       cookies: cookies)
                #expect(asked.status == 200)
            }
            let refused = try await PortalTests.post(browser, "/sign-in", [("csrf", formCookie), ("email", "someone-else@example.com")],
                                                     cookies: cookies)
            #expect(refused.status == 429, "the same client (127.0.0.1), a fresh address")
        }
    }

    /// Asks for a sign-in link for `email` as a browser behind a proxy that forwards for `forwardedFor`; the status.
    static func askForLink(_ live: LiveServer, forwardedFor: String, _ email: String) async throws -> Int {
        let browser = try live.client()
        let page = try await browser.get("/sign-in")
        let formCookie = try #require(PortalTests.cookie(PortalEndpoints.formCookie, in: page))
        return try await browser.send("POST", "/sign-in", rawBody: PortalTests.form([("csrf", formCookie), ("email", email)]), headers: [
            ("Content-Type", "application/x-www-form-urlencoded"), ("Origin", PortalTests.origin),
            ("Cookie", "\(PortalEndpoints.formCookie)=\(formCookie)"), ("X-Forwarded-For", forwardedFor),
        ]).status
    }

    @Test("behind a trusted proxy, X-Forwarded-For names the client of the per-client limit; from any other peer it is ignored")
    func perClientRateLimitBehindProxy() async throws {
        try await LiveServer.with({ $0.server.trustedProxies = TrustedProxies(list: "127.0.0.1, 10.0.0.0/8") ?? TrustedProxies() }) { (live: LiveServer) async throws in
            for index in 0..<20 {
                #expect(try await Self.askForLink(live, forwardedFor: "203.0.113.1, 10.0.0.2", "person\(index)@example.com") == 200)
            }
            #expect(try await Self.askForLink(live, forwardedFor: "198.51.100.1, 203.0.113.1", "next@example.com") == 429,
                    "a hop the client wrote left of the proxy's does not give it a new bucket")
            #expect(try await Self.askForLink(live, forwardedFor: "203.0.113.2", "other@example.com") == 200, "another member behind the same proxy")
        }
        try await LiveServer.with { (live: LiveServer) async throws in
            for index in 0..<20 {
                #expect(try await Self.askForLink(live, forwardedFor: "203.0.113.\(index)", "person\(index)@example.com") == 200)
            }
            #expect(try await Self.askForLink(live, forwardedFor: "198.51.100.77", "next@example.com") == 429,
                    "no proxy trusted: a spoofed header from a direct client does not change its bucket")
        }
    }

    @Test("a \"Did you meet?\" email falls due after its delay, with an unsubscribe link; a member who unsubscribed meanwhile gets none")
    func unsubscribedMemberAskedNothing() async throws {
        try await LiveServer.with { live in
            _ = try await Self.matched(live)
            let ada = try #require(try await live.client(token: live.adminToken).members()
                .first { $0[attribute: "userName"] == "ada@example.com" }?[attribute: "id"]?.stringValue)
            let tenant = try #require(try await live.store.tenants().first).id
            let token = try #require(try await live.server.persistence.write { tx in
                try PortalService.issueUnsubscribeLink(member: MemberID(ada), tenant: tenant, at: Date(), in: tx)
            })
            #expect(try await live.client().send("POST", "/unsubscribe?token=\(token)", rawBody: "List-Unsubscribe=One-Click",
                                                 headers: [("Content-Type", "application/x-www-form-urlencoded")]).status == 200)
            let sent = Mutex<[EmailMessage]>([])
            let deliver = Self.delivery(live) { message in sent.withLock { $0.append(message) } }
            _ = await deliver(1)
            #expect(sent.withLock { $0 }.allSatisfy { !$0.subject.contains("Did you meet") }, "not due before the program's delay (2 days)")
            _ = await deliver(3)
            let questions = sent.withLock { $0 }.filter { $0.subject.contains("Did you meet") }
            #expect(questions.map(\.to) == [["bo@example.com"]], "Ada unsubscribed: only Bo is asked")
            #expect(questions.first?.headers.contains { $0.name == "List-Unsubscribe" } == true)
            let skipped = try await Self.questions(live).first { $0.subject == ada }
            #expect(skipped?.status == .failed && skipped?.lastError?.contains("unsubscribed") == true)
        }
    }

    @Test("a match stages no \"Did you meet?\" row (issue 16); sending the group's introduction queues it once, and its questions go once when due")
    func feedbackQueuedWhenIntroductionSent() async throws {
        try await LiveServer.with { live in
            _ = try await Self.matched(live)
            #expect(try await Self.entries(live, kind: EventKind.meetingFeedbackScheduled.rawValue).isEmpty)
            let sent = Mutex<[EmailMessage]>([])
            let deliver = Self.delivery(live) { message in sent.withLock { $0.append(message) } }
            _ = await deliver(0)
            let scheduled = try await Self.entries(live, kind: EventKind.meetingFeedbackScheduled.rawValue)
            #expect(scheduled.count == 1, "one row for the group, queued with its introduction")
            #expect(scheduled.first?.payload.details?[OutboxPayload.membersKey]?.split(separator: "\n").count == 2)
            #expect(sent.withLock { $0 }.allSatisfy { !$0.subject.contains("Did you meet") }, "not due before the delay")
            _ = await deliver(3)
            _ = await deliver(3)
            let questions = sent.withLock { $0 }.filter { $0.subject.contains("Did you meet") }
            #expect(questions.map(\.to).sorted { $0.joined() < $1.joined() } == [["ada@example.com"], ["bo@example.com"]],
                    "each member asked once")
            #expect(try await Self.entries(live, kind: EventKind.meetingFeedbackScheduled.rawValue).count == 1)
        }
    }
}

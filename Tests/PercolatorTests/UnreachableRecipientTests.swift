import Coffee
import Foundation
@testable import Store
import Testing
@testable import Percolator

/// Issue 17, defect 5: one member's data never blocks a whole group's introduction. A
/// name with a line break is put on one line; an internationalised address goes with
/// SMTPUTF8 when the relay offers it, and otherwise only that recipient is left out, the
/// reason recorded. Against a real SMTP server (aiosmtpd).
@Suite("Outbox: one unreachable member never blocks the others", .serialized, .timeLimit(.minutes(2)))
struct UnreachableRecipientTests {
    /// A group of four: Ada; Zoë, whose first name carries a header injection and whose
    /// address is internationalised; Bo; and Cy, who has no address.
    static func introduction(at date: Date = Date()) throws -> DomainEvent {
        let header = EventHeader(tenantID: DomainTenantID("t1"), subject: "session-1", sequence: 2, occurredAt: date)
        return .matchIntroRequested(MatchIntroRequested(header: header, group: 0, participants: [
            .init(memberID: MemberID("m1"), givenName: "Ada", familyName: "Lovelace", email: try EmailAddress("ada@example.org")),
            .init(memberID: MemberID("m2"), givenName: "Zoë\r\nBcc: victim@example.org", familyName: "Zed",
                  email: try EmailAddress("zoë@exämple.com")),
            .init(memberID: MemberID("m3"), givenName: "Bo", familyName: "K", email: try EmailAddress("bo@example.org")),
            .init(memberID: MemberID("m4"), givenName: "Cy", familyName: "", email: nil),
        ]))
    }

    /// Appends the introduction, runs one delivery pass and returns the entry afterwards.
    static func deliverIntroduction(port: Int) async throws -> OutboxEntry {
        try await OutboxFixture.withDatabasePath { path in
            let database = try await OutboxFixture.open(path)
            let event = try introduction()
            try await database.write { db in try db.outbox.append([event]) }
            let deliverer = OutboxFixture.deliverer(database, settings: OutboxFixture.settings(port: port))
            _ = await onOwnThread { deliverer.deliverDue() }
            return try #require(try await OutboxFixture.entries(database).first)
        }
    }

    static let subject = "Your coffee match: Ada Lovelace, Zoë Bcc: victim@example.org Zed, Bo K, Cy"

    @Test("a relay without SMTPUTF8: the group is introduced to everyone else; the left-out address and why are on the entry")
    func withoutSMTPUTF8() async throws {
        try await SMTPSink.with { sink in
            let entry = try await Self.deliverIntroduction(port: sink.port)
            #expect(entry.status == .delivered, "\(entry.lastError ?? "")")
            #expect(entry.attempts == 1)
            let note = try #require(entry.lastError)
            #expect(note.contains("zoë@exämple.com") && note.contains("SMTPUTF8") && note.contains("2 of 3"), "\(note)")
            let messages = try sink.messages()
            #expect(messages.count == 1)
            let message = try #require(messages.first)
            #expect(message.rcptTos == ["ada@example.org", "bo@example.org"])
            #expect(message.subject == Self.subject)
            #expect(!message.mailOptions.contains("SMTPUTF8"))
            let headers = message.raw.components(separatedBy: "\r\n\r\n").first ?? ""
            #expect(!headers.lowercased().contains("\r\nbcc:"), "no header injected")
            #expect(message.body.contains("Hello Ada Lovelace, Zoë Bcc: victim@example.org Zed, Bo K, Cy,"))
        }
    }

    @Test("a relay with SMTPUTF8: the internationalised address is reached too")
    func withSMTPUTF8() async throws {
        try await SMTPSink.with(["--smtputf8"]) { sink in
            let entry = try await Self.deliverIntroduction(port: sink.port)
            #expect(entry.status == .delivered)
            #expect(entry.lastError == nil)
            let message = try #require(try sink.messages().first)
            #expect(message.rcptTos == ["ada@example.org", "zoë@exämple.com", "bo@example.org"])
            #expect(message.mailOptions.contains("SMTPUTF8"))
            #expect(message.to.contains("zoë@exämple.com"))
            #expect(message.subject == Self.subject)
        }
    }

    @Test("a recipient the relay refuses with 550 is left out, the others get the email")
    func oneRefusedRecipient() async throws {
        try await SMTPSink.with(["--refuse-rcpt", "bo@example.org", "--smtputf8"]) { sink in
            let entry = try await Self.deliverIntroduction(port: sink.port)
            #expect(entry.status == .delivered)
            #expect(entry.lastError?.contains("bo@example.org: refused by the relay: 550") == true, "\(entry.lastError ?? "")")
            #expect(try sink.messages().map(\.rcptTos) == [["ada@example.org", "zoë@exämple.com"]])
        }
    }

    @Test("the SMTP client: a single internationalised recipient without SMTPUTF8 is a permanent failure, nothing sent")
    func singleInternationalRecipient() async throws {
        try await SMTPSink.with { sink in
            let message = EmailMessage(from: "coffee@percolator.test", to: ["zoë@exämple.com"], subject: "Hi",
                                       textBody: "Hello", messageID: "a@percolator.test")
            let relay = OutboxFixture.settings(port: sink.port).relay!
            let result = await onOwnThread { Result { () throws(SMTPError) in try SMTPClient(relay: relay).send(message) } }
            guard case .failure(let error) = result, case .internationalAddressUnsupported(let address) = error else {
                Issue.record("expected internationalAddressUnsupported, got \(result)")
                return
            }
            #expect(address == "zoë@exämple.com")
            #expect(!error.isTransient)
            #expect(error.description.contains("SMTPUTF8"))
            let received = try sink.messages()
            #expect(received.isEmpty)
        }
    }

    @Test("end to end: a session matched over the admin API introduces every group by email, typed; one member's data blocks nobody")
    func matchedSession() async throws {
        try await SMTPSink.with { sink in
            try await LiveServer.with(WelcomeEmailDeliveryTests.relay(sink.port)) { live in
                let scim = try live.client()
                let admin = try live.client(token: live.adminToken)
                var members: [String] = []
                for address in ["ada@example.org", "bo@example.org", "cy@example.org"] {
                    members.append(try await scim.createUser(address))
                }
                members.append(try await scim.createUser("zoë@exämple.com", extra: [
                    ("name", ["givenName": "Zoë\r\nBcc: victim@example.org", "familyName": "Zed"]),
                ]))
                let group = try await scim.createGroup("Coffee club", members: members)
                let program = try await admin.post("/api/v1/programs", ProgramSessionTests.program(
                    groupID: group, matchAt: Date().addingTimeInterval(7_200)))
                let programID = try #require(program[attribute: "id"]?.stringValue, "\(program.text)")
                #expect(try await admin.post("/api/v1/programs/\(programID)/activate", [:]).status == 200)
                let session = try await admin.post("/api/v1/programs/\(programID)/sessions",
                                                   ["matchAt": .string(ProgramSessionTests.iso(Date().addingTimeInterval(3_600)))])
                let sessionID = try #require(session[attribute: "id"]?.stringValue, "\(session.text)")
                let path = "/api/v1/sessions/\(sessionID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? sessionID)"
                _ = try await admin.post("\(path)/open", [:])
                let matched = try await admin.post("\(path)/match", [:])
                #expect(matched.status == 200, "\(matched.text)")

                let probe = try AdminProbe(live)
                let settled = try await WelcomeEmailDeliveryTests.eventually {
                    let intros = try await probe.events().filter { $0[attribute: "kind"] == "MatchIntroRequested" }
                    return intros.count == 2 && intros.allSatisfy { $0[attribute: "status"] == "delivered" }
                }
                #expect(settled)
                let intros = try await probe.events().filter { $0[attribute: "kind"] == "MatchIntroRequested" }
                let zoesGroup = try #require(intros.first { $0[attribute: "details"]?[attribute: "members"]?.stringValue?.contains(members[3]) == true })
                #expect(zoesGroup[attribute: "details"]?[attribute: "emails"]?.stringValue?.contains("zoë@exämple.com") == true,
                        "the admin API shows the group as it always has")
                #expect(zoesGroup[attribute: "lastError"]?.stringValue?.contains("zoë@exämple.com") == true)

                let intro = try sink.messages().filter { $0.subject.hasPrefix("Your coffee match") }
                #expect(intro.count == 3, "one copy per member (issue 12); Zoë's own is refused by the relay")
                #expect(Set(intro.flatMap(\.rcptTos)) == ["ada@example.org", "bo@example.org", "cy@example.org"])
                let zoes = try #require(intro.first { $0.subject.contains("Zoë") })
                #expect(zoes.subject.contains("Zoë Bcc: victim@example.org Zed"))
                #expect(zoes.rcptTos.count == 1, "her partner is introduced")
            }
        }
    }

    @Test("the welcome email of a member with an internationalised address: failed once with the reason, or sent with SMTPUTF8")
    func welcome() async throws {
        try await SMTPSink.with { sink in
            try await LiveServer.with(WelcomeEmailDeliveryTests.relay(sink.port)) { live in
                _ = try await live.client().createUser("zoë@exämple.com")
                let admin = try AdminProbe(live)
                let failed = try await WelcomeEmailDeliveryTests.eventually {
                    try await admin.events().contains { $0[attribute: "status"] == "failed" }
                }
                #expect(failed)
                try await Task.sleep(for: .milliseconds(300))
                let entry = try #require(try await admin.events().first { $0[attribute: "kind"] == "WelcomeEmailRequested" })
                #expect(entry[attribute: "attempts"] == 1, "never retried")
                #expect(entry[attribute: "lastError"]?.stringValue?.contains("does not offer SMTPUTF8") == true)
            }
        }
        try await SMTPSink.with(["--smtputf8"]) { sink in
            try await LiveServer.with(WelcomeEmailDeliveryTests.relay(sink.port)) { live in
                _ = try await live.client().createUser("zoë@exämple.com")
                let sent = try await WelcomeEmailDeliveryTests.eventually { try sink.messages().count == 1 }
                #expect(sent)
                #expect(try sink.messages().first?.rcptTos == ["zoë@exämple.com"])
            }
        }
    }
}

@Suite("Outbox: display text on one line")
struct DisplayTextTests {
    @Test("controls, line breaks, separators and bidi overrides become one space; the ends are trimmed", arguments: [
        ("Ada", "Ada"),
        ("Zoë\r\nBcc: victim@example.org", "Zoë Bcc: victim@example.org"),
        ("a\rb\nc\u{0}d\u{7F}e\u{85}f", "a b c d e f"),
        ("  spaced \t\t out  ", "spaced out"),
        ("line\u{2028}para\u{2029}end", "line para end"),
        ("evil\u{202E}gnp.exe", "evil gnp.exe"),
        ("👩‍💻 Dev", "👩‍💻 Dev"),
        ("\r\n", ""),
    ])
    func singleLine(input: String, expected: String) {
        #expect(DisplayText.singleLine(input) == expected)
    }

    @Test("a long name is cut to the limit, ending with an ellipsis")
    func cut() {
        let long = String(repeating: "é", count: 200)
        let cut = DisplayText.singleLine(long)
        #expect(cut.count == DisplayText.maximumLength)
        #expect(cut.hasSuffix("…"))
        #expect(DisplayText.singleLine("abc def", maximumLength: 5) == "abc…")
    }

    @Test("an introduction whose names carry line breaks renders: the subject stays one header")
    func composedIntroduction() throws {
        let payload = OutboxPayload(try UnreachableRecipientTests.introduction())
        let entry = OutboxEntry(seq: 1, tenantID: Store.TenantID(rawValue: "t1"), idempotencyKey: "MatchIntroRequested/t1/session-1/0",
                                kind: "MatchIntroRequested", subject: "session-1", channel: "email", payload: payload,
                                occurredAt: Date(), attempts: 0, nextAttemptAt: Date())
        let message = try #require(OutboxEmailComposer.message(for: entry, settings: OutboxSettings()))
        #expect(message.to == ["ada@example.org", "zoë@exämple.com", "bo@example.org"])
        #expect(message.subject == UnreachableRecipientTests.subject)
        #expect(throws: Never.self) { try message.rendered(epochSeconds: 0) }
    }
}

@Suite("Outbox: addresses, internationalised or not")
struct MailAddressTests {
    @Test("internationalised addresses parse and say so; controls, spaces and line breaks never do", arguments: [
        ("zoë@exämple.com", true),
        ("Zoë <zoë@exämple.com>", true),
        ("ada@example.org", true),
        ("zoë@exämple.com\r\nRCPT TO:<x@y>", false),
        ("zo\u{85}ë@example.com", false),
        ("zo\u{A0}ë@example.com", false),
        ("zo\u{2028}@example.com", false),
        ("zo\u{202E}@example.com", false),
    ])
    func parse(text: String, valid: Bool) throws {
        let parsed = try? MailAddress.parse(text, field: "to")
        #expect((parsed != nil) == valid)
        if let parsed { #expect(parsed.isInternational == !parsed.address.allSatisfy(\.isASCII)) }
    }
}

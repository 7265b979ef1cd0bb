import Coffee
import Foundation
import Store
import Testing
@testable import Percolator

@Suite("Outbox: the introduction and left-unmatched emails as composed")
struct IntroductionEmailTests {
    static let settings: OutboxSettings = {
        var settings = OutboxSettings()
        settings.smtpSender = "Coffee Bot <coffee@percolator.test>"
        return settings
    }()
    /// Thursday 10 December 2026, 15:00 Paris.
    static let slotStart = Date(timeIntervalSince1970: 1_796_911_200)
    static let weekStart = Date(timeIntervalSince1970: 1_796_623_200)  // Monday 7 December 2026, 07:00 Paris

    static func entry(_ payload: OutboxPayload, kind: EventKind = .matchIntroRequested, key: String = "MatchIntroRequested/t1/s1/0") -> OutboxEntry {
        OutboxEntry(seq: 1, tenantID: Store.TenantID(rawValue: "t1"), idempotencyKey: key, kind: kind.rawValue,
                    subject: "s1", channel: "email", payload: payload, occurredAt: weekStart, attempts: 0, nextAttemptAt: weekStart)
    }

    static func introduction(ada: String = "Ada", values: [String] = ["Engineering"], slot: Bool = true) -> OutboxIntroduction {
        let meeting = MeetingProposal(slot: slot ? MeetingSlot(start: slotStart, end: slotStart.addingTimeInterval(1800)) : nil,
                                      windowStart: weekStart, windowEnd: weekStart.addingTimeInterval(7 * 86_400))
        return OutboxIntroduction(session: "s1", group: 0, members: [
            .init(id: "m1", givenName: ada, familyName: "Lovelace", email: "ada@example.org",
                  categories: [IntroducedCategory(label: "Department", values: values), IntroducedCategory(label: "City", values: ["Paris"])],
                  timeZone: "Europe/Paris"),
            .init(id: "m2", givenName: "Bo", familyName: "Kim", email: "bo@example.org",
                  categories: [IntroducedCategory(label: "Department", values: ["Sales"])], timeZone: "America/New_York"),
            .init(id: "m3", givenName: "Cy", familyName: "Nobody", email: nil, categories: nil, timeZone: "Europe/Paris"),
        ], meeting: meeting)
    }

    static func compose(_ introduction: OutboxIntroduction) throws -> EmailMessage {
        var payload = OutboxPayload(sequence: 2)
        payload.introduction = introduction
        return try #require(OutboxEmailComposer.message(for: entry(payload), settings: settings))
    }

    @Test("each member named with the rules' category values; the time on each clock; an invitation part to every address")
    func withSlot() throws {
        let message = try Self.compose(Self.introduction())
        #expect(message.to == ["ada@example.org", "bo@example.org"])
        #expect(message.subject == "Your coffee match: Ada Lovelace, Bo Kim, Cy Nobody")
        #expect(message.textBody.contains("  - Ada Lovelace — Department: Engineering, City: Paris\n"))
        #expect(message.textBody.contains("  - Bo Kim — Department: Sales\n"))
        #expect(message.textBody.contains("  - Cy Nobody\n"))
        #expect(message.textBody.contains("Thursday 10 December 2026, 15:00–15:30 (Europe/Paris); Thursday 10 December 2026, 09:00–09:30 (America/New_York)"),
                "\(message.textBody)")
        #expect(message.parts.map(\.contentType) == ["text/calendar; method=REQUEST", "application/ics"])
        #expect(message.parts.map(\.filename) == [nil, "invitation.ics"])
        #expect(message.parts.first?.body == message.parts.last?.body)
        let part = try #require(message.parts.first)
        let calendar = try ICalendarReader(part.body)
        #expect(calendar.first("DTSTART")?.rawValue == "20261210T140000Z")
        #expect(calendar.first("DTEND")?.rawValue == "20261210T143000Z")
        #expect(calendar.first("UID")?.rawValue == "MatchIntroRequested.t1.s1.0@percolator.invalid")
        #expect(calendar.first("ORGANIZER")?.parameters["CN"] == "Coffee Bot")
        #expect(calendar.first("ORGANIZER")?.rawValue == "mailto:coffee@percolator.test")
        #expect(calendar.all("ATTENDEE").map(\.rawValue) == ["mailto:ada@example.org", "mailto:bo@example.org"])
        #expect(calendar.first("DESCRIPTION")?.text.contains("Ada Lovelace — Department: Engineering, City: Paris") == true)
        let rendered = try message.rendered(epochSeconds: 1_796_623_200)
        #expect(rendered.text.contains("Content-Type: multipart/mixed; boundary="))
        #expect(rendered.text.contains("Content-Type: multipart/alternative; boundary="))
    }

    @Test("no slot in everyone's working hours: no invitation, and the email says so")
    func withoutSlot() throws {
        let message = try Self.compose(Self.introduction(slot: false))
        #expect(message.parts.isEmpty)
        #expect(message.textBody.contains("No 30-minute time in the week from Monday 7 December 2026 falls within working hours (09:00–17:00, Monday to Friday)"),
                "\(message.textBody)")
        #expect(message.textBody.contains("(Europe/Paris, America/New_York), so no invitation is attached"))
        #expect(try !message.rendered(epochSeconds: 0).text.contains("multipart"))
    }

    @Test("hostile names and values stay on one line: the subject cannot break, the body cannot fake lines, the email renders")
    func hostile() throws {
        let message = try Self.compose(Self.introduction(ada: "Ada\r\nBcc: spy@example.org\u{202E}", values: ["Eng\nineering\r\n- Fake — line", ""]))
        #expect(!message.subject.contains("\n") && !message.subject.contains("\r"))
        #expect(message.subject == "Your coffee match: Ada Bcc: spy@example.org Lovelace, Bo Kim, Cy Nobody")
        #expect(message.textBody.contains("  - Ada Bcc: spy@example.org Lovelace — Department: Eng ineering - Fake — line, City: Paris\n"),
                "\(message.textBody)")
        #expect(!message.textBody.contains("\n- Fake"))
        let rendered = try message.rendered(epochSeconds: 0)
        #expect(!rendered.text.contains("\r\nBcc:"))
        let calendar = try ICalendarReader(try #require(message.parts.first).body)
        #expect(calendar.all("ATTENDEE").count == 2)
        #expect(calendar.first("DESCRIPTION")?.text.contains("Eng ineering - Fake — line") == true)
    }

    @Test("an introduction stored before categories and meetings is composed exactly as before")
    func legacy() throws {
        let old = OutboxIntroduction(session: "s1", group: 0, members: [
            .init(id: "m1", givenName: "Ada", familyName: "L", email: "ada@example.org"),
            .init(id: "m2", givenName: "Bo", familyName: "K", email: "bo@example.org"),
        ])
        let message = try Self.compose(old)
        #expect(message.parts.isEmpty)
        #expect(message.textBody == """
            Hello Ada L, Bo K,

            You have been matched for this round of coffee meetings. Reply to all to find a time
            that suits everyone: a coffee, a walk or a video call.

            Enjoy!
            """)
    }

    @Test("a member left unmatched is told, with priority next time, in their language", arguments: [
        (nil as String?, "No coffee match this time: you have priority next time", "Hello Zoë,", "You will have priority in the next session."),
        ("fr-FR", "Pas de café cette fois-ci : vous serez prioritaire", "Bonjour Zoë,", "Vous serez prioritaire lors de la prochaine session."),
    ])
    func unmatched(_ locale: String?, _ subject: String, _ greeting: String, _ priority: String) throws {
        let event = DomainEvent.memberLeftUnmatched(MemberLeftUnmatched(
            header: EventHeader(tenantID: DomainTenantID("t1"), subject: "m9", sequence: 3, occurredAt: Self.weekStart),
            sessionID: "s1", email: try EmailAddress("zoe@example.org"), givenName: "Zoë\r\n", locale: locale))
        #expect(event.idempotencyKey.rawValue == "MemberLeftUnmatched/t1/m9/s1")
        let message = try #require(OutboxEmailComposer.message(
            for: Self.entry(OutboxPayload(event), kind: .memberLeftUnmatched, key: event.idempotencyKey.rawValue), settings: Self.settings))
        #expect(message.to == ["zoe@example.org"])
        #expect(message.subject == subject)
        #expect(message.textBody.hasPrefix(greeting), "\(message.textBody)")
        #expect(message.textBody.contains(priority))
        _ = try message.rendered(epochSeconds: 0)
    }
}

import Coffee
import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// A matched session's emails end to end: members provisioned over SCIM with time zones,
/// departments and titles, a program whose rules read them, a session matched through the
/// admin API, and the outbox delivering to a real SMTP server (aiosmtpd).
@Suite("Outbox: introductions people can act on, over SMTP", .serialized, .timeLimit(.minutes(2)))
struct IntroductionDeliveryTests {
    static let enterprise = ProvisioningTransitionTests.enterprise

    /// Creates a user named `given family` with a department, a title, a time zone and a locale.
    static func user(_ scim: SCIMTestClient, _ email: String, given: String, family: String, department: String,
                     title: String, timezone: String, locale: String) async throws -> String {
        try await scim.createUser(email, extra: [
            ("schemas", [.string(SCIMSchemaURN.user), .string(enterprise)]),
            ("name", ["givenName": .string(given), "familyName": .string(family)]),
            ("title", .string(title)), ("timezone", .string(timezone)), ("locale", .string(locale)),
            (enterprise, ["department": .string(department)]),
        ])
    }

    @Test("the introduction names each member with the rules' values and carries a parseable invitation in everyone's working hours; the member left out is told, in French")
    func matchedSession() async throws {
        try await SMTPSink.with { sink in
            try await LiveServer.with(WelcomeEmailDeliveryTests.relay(sink.port)) { live in
                let scim = try live.client()
                let admin = try live.client(token: live.adminToken)
                let ada = try await Self.user(scim, "ada@example.com", given: "Ada", family: "Lovelace", department: "Sales",
                                              title: "Engineer", timezone: "Europe/Paris", locale: "en-GB")
                let bo = try await Self.user(scim, "bo@example.com", given: "Bo", family: "Kim", department: "Sales",
                                             title: "Designer", timezone: "America/New_York", locale: "en-US")
                let zoe = try await Self.user(scim, "zoe@example.com", given: "Zoë", family: "Martin", department: "Legal",
                                              title: "Counsel", timezone: "Europe/Paris", locale: "fr-FR")
                let group = try await scim.createGroup("Coffee club", members: [ada, bo, zoe])
                let program = try await admin.post("/api/v1/programs", [
                    "name": "Coffee roulette",
                    "audience": ["type": "group", "groupId": .string(group)],
                    "groupSize": 2,
                    "rules": [["type": "sameValue", "category": "department"], ["type": "differentValue", "category": "jobTitle"]],
                    "schedule": ["type": "once", "at": .string(ProgramSessionTests.iso(Date().addingTimeInterval(7_200)))],
                ])
                #expect(program.status == 201, "\(program.text)")
                let programID = try #require(program[attribute: "id"]?.stringValue)
                #expect(try await admin.post("/api/v1/programs/\(programID)/activate", [:]).status == 200)
                let session = try await admin.post("/api/v1/programs/\(programID)/sessions",
                                                   ["matchAt": .string(ProgramSessionTests.iso(Date().addingTimeInterval(3_600)))])
                let sessionID = try #require(session[attribute: "id"]?.stringValue)
                let matched = try await admin.post("/api/v1/sessions/\(sessionID)/match", [:])
                #expect(matched.status == 200, "\(matched.text)")

                func received(_ subject: String) throws -> SMTPSink.ReceivedEmail? {
                    try sink.messages().first { $0.subject.hasPrefix(subject) }
                }
                func introductions() throws -> [SMTPSink.ReceivedEmail] {
                    try sink.messages().filter { $0.subject.hasPrefix("Your coffee match") }
                }
                let arrived = try await WelcomeEmailDeliveryTests.eventually {
                    try introductions().count == 2 && received("Pas de café") != nil
                }
                #expect(arrived, "\((try? sink.messages().map(\.subject)) ?? [])")

                // One copy per member, each with its own one-click unsubscribe (RFC 8058) and
                // Reply-To the whole group, so that answering still reaches everyone.
                let copies = try introductions()
                #expect(copies.map(\.rcptTos).sorted { $0.first ?? "" < $1.first ?? "" } == [["ada@example.com"], ["bo@example.com"]])
                #expect(Set(copies.map(\.messageId)).count == 2)
                var links: Set<String> = []
                for copy in copies {
                    let headers = copy.raw.replacing("\r\n ", with: " ").components(separatedBy: "\r\n\r\n").first ?? ""
                    let unsubscribe = headers.components(separatedBy: "\r\n").first { $0.hasPrefix("List-Unsubscribe: <") }
                    #expect(unsubscribe?.contains("/unsubscribe?token=") == true, "\(headers)")
                    links.insert(unsubscribe ?? "")
                    #expect(headers.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click"))
                    #expect(headers.contains("\r\nReply-To: ada@example.com, bo@example.com"), "\(headers)")
                    #expect(headers.contains("\r\nTo: \(copy.rcptTos.first ?? "")\r\n"), "\(headers)")
                }
                #expect(links.count == 2, "each member's own link")
                let introduction = try #require(copies.first)
                #expect(introduction.subject == "Your coffee match: Ada Lovelace, Bo Kim")
                #expect(introduction.contentType == "multipart/mixed")
                #expect(introduction.defects.isEmpty, "\(introduction.defects)")
                #expect(introduction.body.contains("Ada Lovelace — Department: Sales, Job title: Engineer"), "\(introduction.body)")
                #expect(introduction.body.contains("Bo Kim — Department: Sales, Job title: Designer"))
                #expect(introduction.structure == ["multipart/mixed", "multipart/alternative", "text/plain", "text/calendar", "application/ics"])
                let part = try #require(introduction.parts.first { $0.contentType == "text/calendar" })
                #expect(part.method == "REQUEST")
                #expect(part.charset == "utf-8")
                #expect(part.filename == nil, "the request is no attachment")
                let file = try #require(introduction.parts.last)
                #expect(file.filename == "invitation.ics" && file.content == part.content)
                let calendar = try ICalendarReader(part.content.replacing("\r\n", with: "\n").replacing("\n", with: "\r\n"))
                #expect(calendar.first("METHOD")?.rawValue == "REQUEST")
                #expect(Set(calendar.all("ATTENDEE").map(\.rawValue)) == ["mailto:ada@example.com", "mailto:bo@example.com"])
                #expect(calendar.first("ORGANIZER")?.rawValue == "mailto:coffee@percolator.test")
                let start = try #require(calendar.first("DTSTART").flatMap { ICalendarReader.utcDate($0.rawValue) })
                let end = try #require(calendar.first("DTEND").flatMap { ICalendarReader.utcDate($0.rawValue) })
                #expect(end.timeIntervalSince(start) == 1_800)
                #expect(start > Date() && start < Date().addingTimeInterval(8 * 86_400 + 3_600), "in the week of the session")
                for zone in ["Europe/Paris", "America/New_York"] {
                    let clock = try #require(MeetingSlot(start: start, end: end).wallClock(in: zone))
                    #expect((1...5).contains(clock.weekday) && clock.start >= TimeOfDay(hour: 9) && clock.end <= TimeOfDay(hour: 17),
                            "\(zone): \(clock)")
                }

                let unmatched = try #require(try received("Pas de café"))
                #expect(unmatched.rcptTos == ["zoe@example.com"])
                #expect(unmatched.body.hasPrefix("Bonjour Zoë,"), "\(unmatched.body)")
                #expect(unmatched.body.contains("Vous serez prioritaire lors de la prochaine session."))
                #expect(unmatched.contentType == "text/plain" && unmatched.parts.isEmpty)

                // Recorded as events like the others, one per member per session.
                let events = try await admin.get("/api/v1/events?kind=MemberLeftUnmatched")
                let items = events.json?[attribute: "items"]?.arrayValue ?? []
                #expect(items.count == 1)
                #expect(items.first?[attribute: "subject"]?.stringValue == zoe)
            }
        }
    }
}

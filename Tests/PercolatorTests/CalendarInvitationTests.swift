import Foundation
import Testing
@testable import Percolator

@Suite("Outbox: the iCalendar invitation (RFC 5545)")
struct CalendarInvitationTests {
    static let start = Date(timeIntervalSince1970: 1_796_911_200)  // 2026-12-10T14:00:00Z
    static let stamp = Date(timeIntervalSince1970: 1_796_900_000)  // 2026-12-10T10:53:20Z

    static func invitation(summary: String = "Coffee: Ada Lovelace, Bo Kim", description: String = "Ada\nBo",
                           attendees: [CalendarInvitation.Person] = [.init(name: "Ada Lovelace", address: "ada@example.org")])
        -> CalendarInvitation {
        CalendarInvitation(uid: "MatchIntroRequested.t1.s1.0@percolator.invalid", stamp: stamp, start: start,
                           end: start.addingTimeInterval(1800), summary: summary, description: description,
                           organizer: .init(name: "Percolator", address: "coffee@percolator.test"), attendees: attendees)
    }

    @Test("a fixed invitation gives exactly this text, CRLF-terminated")
    func fixedText() {
        #expect(Self.invitation().text == """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Percolator//Coffee introductions//EN\r
            CALSCALE:GREGORIAN\r
            METHOD:REQUEST\r
            BEGIN:VEVENT\r
            UID:MatchIntroRequested.t1.s1.0@percolator.invalid\r
            DTSTAMP:20261210T105320Z\r
            DTSTART:20261210T140000Z\r
            DTEND:20261210T143000Z\r
            SEQUENCE:0\r
            STATUS:CONFIRMED\r
            TRANSP:OPAQUE\r
            SUMMARY:Coffee: Ada Lovelace\\, Bo Kim\r
            DESCRIPTION:Ada\\nBo\r
            ORGANIZER;CN="Percolator":mailto:coffee@percolator.test\r
            ATTENDEE;CN="Ada Lovelace";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=\r
             TRUE:mailto:ada@example.org\r
            END:VEVENT\r
            END:VCALENDAR\r

            """)
    }

    @Test("TEXT escaping: backslash, semicolon, comma, every line break; other controls dropped", arguments: [
        ("a\\b", "a\\\\b"), ("a;b", "a\\;b"), ("a,b", "a\\,b"), ("a\nb", "a\\nb"), ("a\r\nb", "a\\nb"), ("a\rb", "a\\nb"),
        ("a\u{0}b\u{7}c", "abc"), ("tab\there", "tab\there"), ("Zoë ☕", "Zoë ☕"),
    ])
    func escaping(_ input: String, _ expected: String) {
        #expect(CalendarInvitation.escaped(input) == expected)
        #expect(ICalendarReader.unescaped(expected) == input.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
            .filter { $0 == "\n" || $0 == "\t" || !($0.asciiValue.map { $0 < 0x20 } ?? false) })
    }

    @Test("folding: at most 75 octets a line, never inside a UTF-8 sequence, continuation lines start with a space",
          arguments: [1, 74, 75, 76, 200, 1_000])
    func folding(_ length: Int) {
        for filler in ["x", "é", "☕", "🙂"] {
            let line = "DESCRIPTION:" + String(repeating: filler, count: length)
            let folded = CalendarInvitation.folded(line)
            let physical = folded.components(separatedBy: "\r\n")
            #expect(physical.allSatisfy { $0.utf8.count <= 75 }, "\(filler) × \(length)")
            #expect(physical.dropFirst().allSatisfy { $0.hasPrefix(" ") })
            #expect(physical.first.map { String($0) } .map { !$0.hasPrefix(" ") } ?? false)
            #expect(physical.enumerated().map { $0 == 0 ? $1 : String($1.dropFirst()) }.joined() == line)
        }
    }

    @Test("round trip through an independent reader: hostile names and long descriptions come back intact")
    func roundTrip() throws {
        let hostileName = "Eve \"Evil\"\r\nATTENDEE:mailto:spy@example.org; Smith, Jr."
        let description = "Ada Lovelace — Department: R&D; Paris, France\nBo Kim — " + String(repeating: "Ingénierie ", count: 20)
        let invitation = Self.invitation(summary: "Coffee; \"with\", \\ you", description: description, attendees: [
            .init(name: "Ada Lovelace", address: "ada@example.org"), .init(name: hostileName, address: "eve@example.org"),
        ])
        let calendar = try ICalendarReader(invitation.text)
        #expect(calendar.properties.first?.name == "BEGIN" && calendar.properties.first?.rawValue == "VCALENDAR")
        #expect(calendar.first("METHOD")?.rawValue == "REQUEST")
        #expect(calendar.first("VERSION")?.rawValue == "2.0")
        #expect(calendar.first("SUMMARY")?.text == "Coffee; \"with\", \\ you")
        #expect(calendar.first("DESCRIPTION")?.text == description)
        #expect(calendar.first("DTSTART").flatMap { ICalendarReader.utcDate($0.rawValue) } == Self.start)
        #expect(calendar.first("DTEND").flatMap { ICalendarReader.utcDate($0.rawValue) } == Self.start.addingTimeInterval(1800))
        let attendees = calendar.all("ATTENDEE")
        #expect(attendees.map(\.rawValue) == ["mailto:ada@example.org", "mailto:eve@example.org"], "no injected attendee")
        #expect(attendees.last?.parameters["CN"] == "Eve 'Evil' ATTENDEE:mailto:spy@example.org; Smith, Jr.")
        #expect(attendees.last?.parameters["RSVP"] == "TRUE")
        #expect(calendar.first("ORGANIZER")?.rawValue == "mailto:coffee@percolator.test")
        #expect(calendar.all("BEGIN").map(\.rawValue) == ["VCALENDAR", "VEVENT"])
        #expect(calendar.all("END").map(\.rawValue) == ["VEVENT", "VCALENDAR"])
    }

    @Test("UTC date-times before and after the epoch, across a leap day")
    func utcDateTimes() {
        #expect(CalendarInvitation.utcDateTime(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        #expect(CalendarInvitation.utcDateTime(Date(timeIntervalSince1970: 951_782_400)) == "20000229T000000Z")
        #expect(CalendarInvitation.utcDateTime(Date(timeIntervalSince1970: -1)) == "19691231T235959Z")
    }
}

import Coffee
import FoundationEssentials
import Web

/// A meeting request as an iCalendar object (RFC 5545, `METHOD:REQUEST` as iMIP, RFC
/// 6047, sends it): one `VEVENT` in UTC, from an organizer to attendees. Pure: the
/// same invitation always gives the same text, so a resent email carries the same
/// `UID` and `DTSTAMP` and calendars update the event rather than add a second one.
///
/// ``text`` ends every line with CRLF, folds lines longer than 75 octets (never inside
/// a UTF-8 sequence), escapes `\`, `;`, `,` and line breaks in TEXT values, and writes
/// names (untrusted display text) as quoted parameter values on one line without `"`.
struct CalendarInvitation: Sendable, Equatable {
    /// Someone the event concerns: a display name and an address.
    struct Person: Sendable, Equatable {
        /// The name calendars show (`CN`).
        var name: String
        /// The address (`mailto:`).
        var address: String
    }

    /// The event's identity, stable across resends.
    var uid: String
    /// When the invitation was created (`DTSTAMP`).
    var stamp: Date
    /// When the meeting starts.
    var start: Date
    /// When it ends.
    var end: Date
    /// The title.
    var summary: String
    /// The longer text, any lines.
    var description: String
    /// Who sends the request.
    var organizer: Person
    /// Who is invited.
    var attendees: [Person]

    /// The product identifier every object names.
    static let productIdentifier = "-//Percolator//Coffee introductions//EN"
    /// The most octets a line holds before folding, CRLF excluded (RFC 5545 §3.1).
    static let maximumLineOctets = 75

    /// The iCalendar object, lines ended by CRLF.
    var text: String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:\(Self.productIdentifier)",
            "CALSCALE:GREGORIAN",
            "METHOD:REQUEST",
            "BEGIN:VEVENT",
            "UID:\(Self.escaped(uid))",
            "DTSTAMP:\(Self.utcDateTime(stamp))",
            "DTSTART:\(Self.utcDateTime(start))",
            "DTEND:\(Self.utcDateTime(end))",
            "SEQUENCE:0",
            "STATUS:CONFIRMED",
            "TRANSP:OPAQUE",
            "SUMMARY:\(Self.escaped(summary))",
            "DESCRIPTION:\(Self.escaped(description))",
            "ORGANIZER;CN=\(Self.quotedParameter(organizer.name)):" + MailtoURI.to(organizer.address),
        ]
        for attendee in attendees {
            lines.append("ATTENDEE;CN=\(Self.quotedParameter(attendee.name));ROLE=REQ-PARTICIPANT;"
                + "PARTSTAT=NEEDS-ACTION;RSVP=TRUE:" + MailtoURI.to(attendee.address))
        }
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return lines.map { Self.folded($0) + "\r\n" }.joined()
    }

    /// `date` as a UTC DATE-TIME, `20261210T140000Z`.
    static func utcDateTime(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - day * 86_400
        let (year, month, dayOfMonth) = CivilCalendar.date(fromDay: day)
        func pad(_ value: Int, _ width: Int = 2) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))\(pad(month))\(pad(dayOfMonth))T"
            + "\(pad(secondOfDay / 3600))\(pad(secondOfDay / 60 % 60))\(pad(secondOfDay % 60))Z"
    }

    /// `text` as a TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` escaped, every line
    /// break (CRLF, CR, LF) written `\n`, other control characters but tab dropped.
    static func escaped(_ text: String) -> String {
        var result = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r": result += "\\n"
            case "\n": if !previousWasCR { result += "\\n" }
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.properties.generalCategory == .control { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `name` as a quoted parameter value: on one line (``DisplayText``), without the
    /// double quotes a quoted-string cannot hold.
    static func quotedParameter(_ name: String) -> String {
        "\"" + DisplayText.singleLine(name).replacing("\"", with: "'") + "\""
    }

    /// `line` folded (RFC 5545 §3.1): at most 75 octets a line, each continuation line
    /// starting with one space, never splitting a UTF-8 sequence.
    static func folded(_ line: String) -> String {
        guard line.utf8.count > maximumLineOctets else { return line }
        var result = ""
        var octets = 0
        for character in line.unicodeScalars {
            let size = String(character).utf8.count
            if octets + size > maximumLineOctets {
                result += "\r\n "
                octets = 1
            }
            result.unicodeScalars.append(character)
            octets += size
        }
        return result
    }
}

import FoundationEssentials
import Synchronization

/// How the Store writes instants into TEXT columns: ISO 8601 in UTC with milliseconds,
/// always the same width (`2026-11-24T20:03:57.123Z`), so text order is time order and
/// SQL can compare timestamps as strings.
enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true,
                                                       timeZone: TimeZone(identifier: "UTC") ?? .gmt)

    /// The last instant rendered, and its text: a transaction stamps every row it writes
    /// with the same instant (a CSV import, 100,000 rows of several timestamps each), and
    /// formatting costs a microsecond or two.
    private static let last = Mutex<(date: Date, text: String)?>(nil)

    /// `date` rendered for storage.
    static func string(from date: Date) -> String {
        if let last = last.withLock({ $0 }), last.date == date { return last.text }
        let text = date.formatted(style)
        last.withLock { $0 = (date, text) }
        return text
    }

    /// A stored timestamp read back; `nil` when the text is not one of ours.
    static func date(from string: String) -> Date? {
        try? style.parse(string)
    }
}

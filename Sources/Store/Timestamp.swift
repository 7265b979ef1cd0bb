import FoundationEssentials

/// How the Store writes instants into TEXT columns: ISO 8601 in UTC with milliseconds,
/// always the same width (`2026-11-24T20:03:57.123Z`), so text order is time order and
/// SQL can compare timestamps as strings.
enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true,
                                                       timeZone: TimeZone(identifier: "UTC") ?? .gmt)

    /// `date` rendered for storage.
    static func string(from date: Date) -> String {
        date.formatted(style)
    }

    /// A stored timestamp read back; `nil` when the text is not one of ours.
    static func date(from string: String) -> Date? {
        try? style.parse(string)
    }
}

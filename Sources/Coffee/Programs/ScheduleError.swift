import Foundation

/// Why a ``Schedule`` is invalid.
public enum ScheduleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `everyWeeks` outside ``Schedule/weekIntervals``.
    case everyWeeksOutOfRange(Int)
    /// `weekday` outside 1…7 (ISO: Monday = 1, Sunday = 7).
    case weekdayOutOfRange(Int)
    /// An hour outside 0…23 or a minute outside 0…59.
    case timeOutOfRange(TimeOfDay)
    /// Not an IANA time zone identifier this system knows (`Europe/Paris`).
    case unknownTimeZone(String)
    /// The opt-in window is negative or not a number.
    case invalidOptInWindow(TimeInterval)
    /// The opt-in window is longer than the interval between two sessions, so a
    /// session would open before the previous one is matched.
    case optInWindowLongerThanInterval
    /// A one-time schedule whose opt-in opens after the match.
    case optInOpensAfterMatch
    /// A date (one-time match, recurring start) after ``Schedule/latestDate``.
    case tooFarAhead

    /// A sentence for an admin.
    public var description: String {
        switch self {
        case .everyWeeksOutOfRange(let weeks):
            "sessions happen every \(Schedule.weekIntervals.lowerBound) to \(Schedule.weekIntervals.upperBound) weeks, not \(weeks)"
        case .weekdayOutOfRange(let day): "weekday \(day) is not 1 (Monday) to 7 (Sunday)"
        case .timeOutOfRange(let time): "\(time.hour):\(time.minute) is not a time of day"
        case .unknownTimeZone(let identifier): "unknown time zone \"\(identifier)\""
        case .invalidOptInWindow(let window): "the opt-in window must be zero or more seconds (got \(window))"
        case .optInWindowLongerThanInterval: "the opt-in window is longer than the interval between sessions"
        case .optInOpensAfterMatch: "opt-in would open after the match"
        case .tooFarAhead: "dates from the year 9999 on are not taken"
        }
    }
}

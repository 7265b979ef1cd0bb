import Foundation

/// When a program's sessions happen (domain.md, "Programs"): once, or every 1–4 weeks
/// on a weekday at a wall-clock time in a time zone (the tenant's, usually).
///
/// Recurring match times are computed on the local calendar: 09:00 in `Europe/Paris`
/// stays 09:00 local across the daylight-saving changes, so the interval between two
/// sessions is not always a whole number of 24-hour days.
public enum Schedule: Hashable, Sendable, Codable {
    /// One session, matched at `at`. Opt-in opens at `optInOpensAt`, or when the
    /// session is created if `nil` (the session then opens at its match time).
    case once(at: Date, optInOpensAt: Date?)
    /// A session every `everyWeeks` weeks (``weekIntervals``) on ISO `weekday`
    /// (Monday = 1 … Sunday = 7) at `time` in `timeZoneIdentifier`. Each session opens
    /// `optInWindow` seconds before its match time. The first match time is the first
    /// such day and time at or after `startingFrom`; the others follow it every
    /// `everyWeeks` weeks.
    case recurring(everyWeeks: Int, weekday: Int, time: TimeOfDay, timeZoneIdentifier: String,
                   optInWindow: TimeInterval, startingFrom: Date)

    /// The allowed intervals, in weeks.
    public static let weekIntervals = 1...4

    /// Every problem of the schedule; empty when it is valid.
    public var validationErrors: [ScheduleError] {
        switch self {
        case .once(let at, let opensAt):
            if at > Self.latestDate { return [.tooFarAhead] }
            if let opensAt, opensAt > at { return [.optInOpensAfterMatch] }
            return []
        case .recurring(let everyWeeks, let weekday, let time, let timeZoneIdentifier, let optInWindow, let startingFrom):
            var errors: [ScheduleError] = []
            if startingFrom > Self.latestDate { errors.append(.tooFarAhead) }
            if !Self.weekIntervals.contains(everyWeeks) { errors.append(.everyWeeksOutOfRange(everyWeeks)) }
            if !(1...7).contains(weekday) { errors.append(.weekdayOutOfRange(weekday)) }
            if !time.isValid { errors.append(.timeOutOfRange(time)) }
            if TimeZone(identifier: timeZoneIdentifier) == nil { errors.append(.unknownTimeZone(timeZoneIdentifier)) }
            if !(optInWindow >= 0) || !optInWindow.isFinite {
                errors.append(.invalidOptInWindow(optInWindow))
            } else if Self.weekIntervals.contains(everyWeeks),
                      optInWindow > TimeInterval(everyWeeks * 7 * 24 * 3600) {
                errors.append(.optInWindowLongerThanInterval)
            }
            return errors
        }
    }

    /// The latest date a schedule takes, 9999-01-01T00:00:00Z: instants are stored and
    /// shown with four-digit years (RFC 3339), and a recurring schedule starting later
    /// would plan a session in the year 10000 (its `nextMatchAt` was not a date-time, and
    /// its session's `matchAt` disagreed with its id).
    public static let latestDate = Date(timeIntervalSince1970: 253_370_764_800)

    /// Throws the first of ``validationErrors``.
    public func validate() throws(ScheduleError) {
        if let first = validationErrors.first { throw first }
    }

    /// Whether sessions stay open for opt-ins for some time before they are matched.
    public var hasOptInPeriod: Bool {
        switch self {
        case .once(let at, let opensAt): opensAt.map { $0 < at } ?? false
        case .recurring(_, _, _, _, let optInWindow, _): optInWindow > 0
        }
    }

    /// The first match time strictly after `date`, or `nil` when there is none (a
    /// one-time schedule already past) or the schedule is invalid.
    public func nextMatchTime(after date: Date) -> Date? {
        switch self {
        case .once(let at, _):
            return at > date ? at : nil
        case .recurring(let everyWeeks, let weekday, let time, let timeZoneIdentifier, _, let startingFrom):
            guard validationErrors.isEmpty, let local = LocalCalendar(timeZoneIdentifier: timeZoneIdentifier),
                  let startDay = local.day(of: startingFrom) else { return nil }
            var firstDay = startDay + LocalCalendar.floorMod(weekday - LocalCalendar.isoWeekday(ofDay: startDay), 7)
            guard var first = local.date(day: firstDay, time: time) else { return nil }
            if first < startingFrom {
                firstDay += 7
                guard let later = local.date(day: firstDay, time: time) else { return nil }
                first = later
            }
            if date < first { return first }
            guard let dateDay = local.day(of: date) else { return nil }
            let period = 7 * everyWeeks
            var day = firstDay + (dateDay - firstDay) / period * period
            guard let candidate = local.date(day: day, time: time) else { return nil }
            if candidate > date { return candidate }
            day += period
            return local.date(day: day, time: time)
        }
    }

    /// When the session matched at `matchAt` opens for opt-ins (and opt-outs): the
    /// one-time schedule's `optInOpensAt` (or `matchAt` without one), or `matchAt`
    /// minus the recurring schedule's `optInWindow`.
    public func openTime(forMatchAt matchAt: Date) -> Date {
        switch self {
        case .once(_, let opensAt): opensAt ?? matchAt
        case .recurring(_, _, _, _, let optInWindow, _): matchAt.addingTimeInterval(-optInWindow)
        }
    }
}

import Foundation

/// Wall-clock arithmetic in one time zone. Days are counted as local calendar days
/// since 1970-01-01 and computed with integer arithmetic (proleptic Gregorian), so
/// adding weeks never drifts across daylight-saving changes (``CivilCalendar``); only
/// the conversions
/// between a `Date` and a local date and time go through
/// `Calendar(identifier: .gregorian)` in the time zone.
struct LocalCalendar {
    private var calendar: Calendar

    /// `nil` when the identifier is not a known time zone.
    init?(timeZoneIdentifier: String) {
        guard let timeZone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
        calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
    }

    /// The local day (since 1970-01-01) on which `date` falls.
    func day(of date: Date) -> Int? {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return CivilCalendar.dayNumber(year: year, month: month, day: day)
    }

    /// The instant at which the local clock shows `time` on local day `day`. A time
    /// skipped by a daylight-saving change resolves to the instant after the gap (02:30
    /// on the spring-forward night gives 03:30); a repeated one to its first occurrence.
    func date(day: Int, time: TimeOfDay) -> Date? {
        let (year, month, dayOfMonth) = CivilCalendar.date(fromDay: day)
        return calendar.date(from: DateComponents(year: year, month: month, day: dayOfMonth,
                                                  hour: time.hour, minute: time.minute, second: 0))
    }

    /// ISO weekday (Monday = 1 … Sunday = 7) of a day number; 1970-01-01 was a Thursday.
    static func isoWeekday(ofDay day: Int) -> Int {
        floorMod(day + 3, 7) + 1
    }

    static func floorMod(_ value: Int, _ modulus: Int) -> Int {
        let remainder = value % modulus
        return remainder < 0 ? remainder + modulus : remainder
    }
}

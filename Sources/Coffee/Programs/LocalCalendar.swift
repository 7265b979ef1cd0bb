import Foundation

/// Wall-clock arithmetic in one time zone. Days are counted as local calendar days
/// since 1970-01-01 and computed with integer arithmetic (proleptic Gregorian), so
/// adding weeks never drifts across daylight-saving changes; only the conversions
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
        return Self.dayNumber(year: year, month: month, day: day)
    }

    /// The instant at which the local clock shows `time` on local day `day`. A time
    /// skipped by a daylight-saving change resolves to the instant after the gap (02:30
    /// on the spring-forward night gives 03:30); a repeated one to its first occurrence.
    func date(day: Int, time: TimeOfDay) -> Date? {
        let (year, month, dayOfMonth) = Self.civil(fromDay: day)
        return calendar.date(from: DateComponents(year: year, month: month, day: dayOfMonth,
                                                  hour: time.hour, minute: time.minute, second: 0))
    }

    /// ISO weekday (Monday = 1 … Sunday = 7) of a day number; 1970-01-01 was a Thursday.
    static func isoWeekday(ofDay day: Int) -> Int {
        floorMod(day + 3, 7) + 1
    }

    /// Days since 1970-01-01 of a Gregorian date (H. Hinnant's `days_from_civil`).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The Gregorian date of a day number (H. Hinnant's `civil_from_days`).
    static func civil(fromDay number: Int) -> (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func floorMod(_ value: Int, _ modulus: Int) -> Int {
        let remainder = value % modulus
        return remainder < 0 ? remainder + modulus : remainder
    }
}

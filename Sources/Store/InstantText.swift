import SCIM

/// Renders a filter's dateTime operand in the form `Timestamp` stores
/// (`YYYY-MM-DDThh:mm:ss.mmmZ`), so SQL can compare instants as text.
enum InstantText {
    /// The instant rounded down to the millisecond, as stored text, and whether that was
    /// exact; `nil` outside years 0000–9999 (where text order would break).
    static func floorMilliseconds(_ instant: DateTimeInstant) -> (String, Bool)? {
        let days = Int(instant.seconds.floorDivided(by: 86_400))
        let secondOfDay = Int(instant.seconds - Int64(days) * 86_400)
        let (year, month, day) = civil(fromDays: days)
        guard (0...9999).contains(year) else { return nil }
        let millisecond = Int(instant.nanoseconds) / 1_000_000
        let isWhole = Int(instant.nanoseconds) % 1_000_000 == 0
        let text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
            + "." + pad(millisecond, 3) + "Z"
        return (text, isWhole)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// H. Hinnant's `civil_from_days`: the proleptic Gregorian date of a day count
    /// since 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

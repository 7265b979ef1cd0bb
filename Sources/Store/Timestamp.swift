import Coffee
import FoundationEssentials

/// How the Store writes instants into TEXT columns: ISO 8601 in UTC with milliseconds,
/// always the same width (`2026-11-24T20:03:57.123Z`), so text order is time order and
/// SQL can compare timestamps as strings.
///
/// Formatting and parsing are plain arithmetic on the civil calendar (``CivilCalendar``):
/// every member row carries several instants, and
/// `Date.ISO8601FormatStyle` costs microseconds per call, which showed in every SCIM
/// write and in reading a whole tenant's members for a session. Years 0000–9999.
enum Timestamp {
    /// The earliest instant the text holds, 0000-01-01T00:00:00.000Z, in milliseconds
    /// since 1970.
    static let earliestMilliseconds: Int64 = -62_167_219_200_000
    /// The latest, 9999-12-31T23:59:59.999Z.
    static let latestMilliseconds: Int64 = 253_402_300_799_999

    /// `date` rendered for storage, truncated to the millisecond; an instant outside years
    /// 0000–9999 (or not a number) as the nearest end of that range.
    static func string(from date: Date) -> String {
        // From the reference date, as `Date` stores it. The microsecond of slack keeps an
        // instant read back from its text (an inexact double) on the same millisecond, so
        // text → date → text is stable.
        let milliseconds = (date.timeIntervalSinceReferenceDate * 1_000 + 0.001).rounded(.down) + 978_307_200_000
        guard milliseconds > Double(earliestMilliseconds) else { return string(milliseconds: earliestMilliseconds) }
        return string(milliseconds: milliseconds < Double(latestMilliseconds) ? Int64(milliseconds) : latestMilliseconds)
    }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z, as stored text. Clamped to
    /// years 0000–9999: a client's cursor or filter instant far in the future or the past
    /// (`after=999999999999999999`, a year 0000 with a positive offset) once stopped the
    /// server here (a digit past 9 does not fit a byte); as the nearest end it compares
    /// as it should with every stored instant.
    static func string(milliseconds: Int64) -> String {
        let milliseconds = min(max(milliseconds, earliestMilliseconds), latestMilliseconds)
        var days = milliseconds / 86_400_000
        var rest = milliseconds % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let seconds = rest / 1_000
        var bytes = [UInt8]()
        bytes.reserveCapacity(24)
        func digits(_ value: Int64, _ width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            var value = value
            while divisor > 0 {
                bytes.append(UInt8(48 + value / divisor))
                value %= divisor
                divisor /= 10
            }
        }
        digits(year, 4); bytes.append(45)
        digits(month, 2); bytes.append(45)
        digits(day, 2); bytes.append(84)
        digits(seconds / 3_600, 2); bytes.append(58)
        digits(seconds / 60 % 60, 2); bytes.append(58)
        digits(seconds % 60, 2); bytes.append(46)
        digits(rest % 1_000, 3); bytes.append(90)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A stored timestamp read back; `nil` when the text is not one of ours.
    static func date(from string: String) -> Date? {
        var text = string
        return text.withUTF8(parse)
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard bytes.count == 24, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
              bytes[19] == 46, bytes[23] == 90 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for index in start..<start + count {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        let days = Int64(CivilCalendar.dayNumber(year: Int(year), month: Int(month), day: Int(day)))
        let milliseconds = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1_000 + millisecond
        return Date(timeIntervalSinceReferenceDate: Double(milliseconds - 978_307_200_000) / 1_000)
    }

    /// The Gregorian date of a day count since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let (year, month, day) = CivilCalendar.date(fromDay: Int(days))
        return (Int64(year), Int64(month), Int64(day))
    }
}

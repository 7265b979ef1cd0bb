/// An instant parsed from an `xsd:dateTime` string (RFC 7643 §2.3.5), for comparing
/// `dateTime` attributes as points in time rather than as text.
///
/// Accepts `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]` (RFC 3339 §5.6 profile of
/// xsd:dateTime); `t`/`z` in lower case; no offset means UTC. Fractions are kept to the
/// nanosecond. Hand-written, because `DateFormatter` is slow and locale-dependent and
/// filters compare dates on every candidate resource.
public struct DateTimeInstant: Sendable, Hashable, Comparable {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// Nanoseconds within the second, `0..<1_000_000_000`.
    public var nanoseconds: Int32

    /// An instant from its parts.
    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// Parses `text`, or returns `nil` when it is not an xsd:dateTime.
    public init?(_ text: String) {
        let utf8 = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= utf8.count else { return nil }
            var value = 0
            for _ in 0..<count {
                let byte = utf8[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
                index += 1
            }
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < utf8.count, utf8[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2)
        else { return nil }
        guard index < utf8.count, utf8[index] == 0x54 || utf8[index] == 0x74 else { return nil }  // T / t
        index += 1
        guard let hour = digits(2), expect(0x3A), let minute = digits(2), expect(0x3A), let second = digits(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var nanos = 0
        if index < utf8.count, utf8[index] == 0x2E {  // .
            index += 1
            var count = 0
            while index < utf8.count, utf8[index] >= 0x30, utf8[index] <= 0x39 {
                if count < 9 { nanos = nanos * 10 + Int(utf8[index] - 0x30) }
                count += 1
                index += 1
            }
            guard count > 0 else { return nil }
            for _ in min(count, 9)..<9 { nanos *= 10 }
        }
        var offsetSeconds = 0
        if index < utf8.count {
            switch utf8[index] {
            case 0x5A, 0x7A:  // Z / z
                index += 1
            case 0x2B, 0x2D:  // + / -
                let sign = utf8[index] == 0x2B ? 1 : -1
                index += 1
                guard let offsetHours = digits(2), expect(0x3A), let offsetMinutes = digits(2),
                      offsetHours <= 23, offsetMinutes <= 59
                else { return nil }
                offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
            default:
                return nil
            }
        }
        guard index == utf8.count else { return nil }
        // A leap second (:60) is read as the last second of the minute.
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        self.init(seconds: local - Int64(offsetSeconds), nanoseconds: Int32(nanos))
    }

    /// Orders instants in time.
    public static func < (lhs: DateTimeInstant, rhs: DateTimeInstant) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's
    /// `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

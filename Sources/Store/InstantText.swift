import SCIM

/// Renders a filter's dateTime operand in the form `Timestamp` stores
/// (`YYYY-MM-DDThh:mm:ss.mmmZ`), so SQL can compare instants as text.
enum InstantText {
    /// The instant rounded down to the millisecond, as stored text, and whether that was
    /// exact; `nil` outside years 0000–9999 (where text order would break).
    static func floorMilliseconds(_ instant: DateTimeInstant) -> (String, Bool)? {
        let days = instant.seconds.floorDivided(by: 86_400)
        guard (0...9999).contains(Timestamp.civil(fromDays: days).year) else { return nil }
        let millisecond = Int64(instant.nanoseconds) / 1_000_000
        let isWhole = Int(instant.nanoseconds) % 1_000_000 == 0
        return (Timestamp.string(milliseconds: instant.seconds * 1_000 + millisecond), isWhole)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

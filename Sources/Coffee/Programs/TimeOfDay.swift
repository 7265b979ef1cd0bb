/// A wall-clock time of day, in a time zone given elsewhere.
public struct TimeOfDay: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// 0…23.
    public var hour: Int
    /// 0…59.
    public var minute: Int

    /// Creates a time; ``isValid`` tells whether it exists.
    public init(hour: Int, minute: Int = 0) {
        self.hour = hour
        self.minute = minute
    }

    /// Whether the hour is in 0…23 and the minute in 0…59.
    public var isValid: Bool { (0...23).contains(hour) && (0...59).contains(minute) }

    /// Orders by hour, then minute.
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute)
    }

    /// `HH:MM`.
    public var description: String {
        let minutes = minute < 10 ? "0\(minute)" : "\(minute)"
        return hour < 10 ? "0\(hour):\(minutes)" : "\(hour):\(minutes)"
    }
}

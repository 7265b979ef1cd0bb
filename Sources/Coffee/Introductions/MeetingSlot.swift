import Foundation

/// A time proposed for a matched group to meet: from ``start`` to ``end``, as instants
/// (every member reads them in their own time zone).
public struct MeetingSlot: Hashable, Sendable, Codable {
    /// When the meeting starts.
    public var start: Date
    /// When it ends.
    public var end: Date

    /// Creates a slot.
    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }
}

extension MeetingSlot {
    /// The slot on the wall clock of one time zone, as an email shows it.
    public struct WallClock: Hashable, Sendable {
        /// The local date.
        public var year: Int
        /// 1…12.
        public var month: Int
        /// 1…31.
        public var day: Int
        /// ISO weekday of the local date, Monday = 1 … Sunday = 7.
        public var weekday: Int
        /// The local start time.
        public var start: TimeOfDay
        /// The local end time.
        public var end: TimeOfDay
    }

    /// The slot as the clock of `timeZoneIdentifier` shows it, or `nil` for an unknown zone.
    public func wallClock(in timeZoneIdentifier: String) -> WallClock? {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let from = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: start)
        let to = calendar.dateComponents([.hour, .minute], from: end)
        guard let year = from.year, let month = from.month, let day = from.day, let hour = from.hour,
              let minute = from.minute, let endHour = to.hour, let endMinute = to.minute else { return nil }
        let weekday = LocalCalendar.isoWeekday(ofDay: CivilCalendar.dayNumber(year: year, month: month, day: day))
        return WallClock(year: year, month: month, day: day, weekday: weekday,
                         start: TimeOfDay(hour: hour, minute: minute), end: TimeOfDay(hour: endHour, minute: endMinute))
    }
}

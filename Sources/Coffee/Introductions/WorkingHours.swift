/// When people work, on their own wall clock: from ``start`` to ``end`` on the ISO
/// weekdays of ``days`` (Monday = 1 … Sunday = 7).
public struct WorkingHours: Hashable, Sendable, Codable {
    /// The local time the working day starts.
    public var start: TimeOfDay
    /// The local time it ends (after ``start``).
    public var end: TimeOfDay
    /// The working days, ISO weekdays.
    public var days: Set<Int>

    /// Creates working hours.
    public init(start: TimeOfDay, end: TimeOfDay, days: Set<Int>) {
        self.start = start
        self.end = end
        self.days = days
    }

    /// 09:00–17:00, Monday to Friday.
    public static let officeHours = WorkingHours(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 17), days: [1, 2, 3, 4, 5])
}

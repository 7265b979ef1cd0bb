import Foundation

/// Finds a time for a group to meet that falls within ``workingHours`` on every
/// member's own wall clock: pure, deterministic, daylight-saving aware.
///
/// For each distinct time zone it lists the working intervals of the searched window as
/// instants (each local working day's start and end converted with that day's UTC
/// offset, so a week that crosses a daylight-saving change is exact), intersects the
/// lists, and returns the earliest ``duration`` that fits an intersection, starting on a
/// multiple of ``granularity`` (quarter hours of UTC are quarter hours in every zone in
/// use, `+05:30` and `+05:45` included). No slot is invented when the overlap is shorter
/// than ``duration`` or empty (Paris and Sydney share no weekday working hour).
public struct MeetingSlotFinder: Sendable {
    /// The hours a slot must fall within, in every member's zone.
    public var workingHours: WorkingHours
    /// How long the meeting lasts.
    public var duration: TimeInterval
    /// Slots start on multiples of this many seconds since the epoch.
    public var granularity: TimeInterval
    /// How long after the start of the window the first slot may start at the earliest.
    public var notice: TimeInterval
    /// How long the window searched lasts.
    public var windowLength: TimeInterval

    /// A finder of `duration` slots (30 minutes by default) in office hours.
    public init(workingHours: WorkingHours = .officeHours, duration: TimeInterval = 30 * 60,
                granularity: TimeInterval = 15 * 60, notice: TimeInterval = 60 * 60,
                windowLength: TimeInterval = 7 * 86_400) {
        self.workingHours = workingHours
        self.duration = duration
        self.granularity = granularity
        self.notice = notice
        self.windowLength = windowLength
    }

    /// The proposal for a group of a session scheduled at `matchAt` and matched at
    /// `matchedAt`: the window is the week (``windowLength``) from the later of the two,
    /// so a session matched early proposes a time in its own week and one matched late
    /// never proposes a time already past. Members' zones are `timeZones` (`nil` or
    /// unknown ones take `fallbackTimeZone`, the tenant's).
    public func proposal(sessionMatchAt matchAt: Date, matchedAt: Date, timeZones: [String?],
                         fallbackTimeZone: String) -> MeetingProposal {
        let start = max(matchAt, matchedAt)
        let end = start.addingTimeInterval(windowLength)
        return MeetingProposal(slot: slot(from: start, until: end, timeZones: timeZones, fallbackTimeZone: fallbackTimeZone),
                               windowStart: start, windowEnd: end)
    }

    /// The earliest slot starting at least ``notice`` after `from` and ending by `until`
    /// that falls within working hours in every zone of `timeZones`, or `nil`.
    public func slot(from: Date, until: Date, timeZones: [String?], fallbackTimeZone: String) -> MeetingSlot? {
        let earliest = from.addingTimeInterval(notice)
        guard duration > 0, granularity > 0, earliest < until else { return nil }
        var common = [(start: earliest, end: until)]
        for identifier in Self.resolved(timeZones, fallback: fallbackTimeZone) {
            guard let calendar = LocalCalendar(timeZoneIdentifier: identifier) else { return nil }
            common = Self.intersection(common, workingIntervals(in: calendar, from: earliest, until: until))
            if common.isEmpty { return nil }
        }
        for interval in common {
            let seconds = interval.start.timeIntervalSince1970
            let aligned = Date(timeIntervalSince1970: (seconds / granularity).rounded(.up) * granularity)
            if aligned.addingTimeInterval(duration) <= interval.end {
                return MeetingSlot(start: aligned, end: aligned.addingTimeInterval(duration))
            }
        }
        return nil
    }

    /// The zone a member with `identifier` meets in: `identifier` when it is a known time
    /// zone, else `fallback` (the tenant's), else `UTC`.
    public static func zone(_ identifier: String?, fallback: String) -> String {
        if let identifier, TimeZone(identifier: identifier) != nil { return identifier }
        return TimeZone(identifier: fallback) == nil ? "UTC" : fallback
    }

    /// The distinct zones of `identifiers` (see ``zone(_:fallback:)``), sorted.
    static func resolved(_ identifiers: [String?], fallback: String) -> [String] {
        Set(identifiers.isEmpty ? [zone(nil, fallback: fallback)] : identifiers.map { zone($0, fallback: fallback) }).sorted()
    }

    /// The working intervals of `calendar`'s zone that overlap `from`…`until`, clipped to
    /// it, in order.
    private func workingIntervals(in calendar: LocalCalendar, from: Date, until: Date) -> [(start: Date, end: Date)] {
        guard let first = calendar.day(of: from), let last = calendar.day(of: until) else { return [] }
        var intervals: [(start: Date, end: Date)] = []
        for day in first...last where workingHours.days.contains(LocalCalendar.isoWeekday(ofDay: day)) {
            guard let start = calendar.date(day: day, time: workingHours.start),
                  let end = calendar.date(day: day, time: workingHours.end) else { continue }
            let clipped = (start: max(start, from), end: min(end, until))
            if clipped.start < clipped.end { intervals.append(clipped) }
        }
        return intervals
    }

    /// The instants in both sorted lists of disjoint intervals.
    static func intersection(_ left: [(start: Date, end: Date)], _ right: [(start: Date, end: Date)]) -> [(start: Date, end: Date)] {
        var result: [(start: Date, end: Date)] = []
        var i = 0
        var j = 0
        while i < left.count, j < right.count {
            let start = max(left[i].start, right[j].start)
            let end = min(left[i].end, right[j].end)
            if start < end { result.append((start, end)) }
            if left[i].end < right[j].end { i += 1 } else { j += 1 }
        }
        return result
    }
}

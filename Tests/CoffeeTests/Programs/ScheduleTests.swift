import Foundation
import Testing
@testable import Coffee

@Suite("Schedules — local wall-clock match times, DST, intervals, weekdays, validation")
struct ScheduleTests {
    typealias F = ProgramFixture

    /// The first `count` match times after `date`.
    static func times(_ schedule: Schedule, after date: Date, count: Int) -> [Date] {
        var result: [Date] = []
        var cursor = date
        while result.count < count, let next = schedule.nextMatchTime(after: cursor) {
            result.append(next)
            cursor = next
        }
        return result
    }

    @Test("09:00 in Paris stays 09:00 local across the March change (CET → CEST)")
    func springForward() {
        let schedule = F.weekly(from: F.local(2026, 3, 16))
        let times = Self.times(schedule, after: .distantPast, count: 4)
        #expect(times.map { F.wallClock($0) } == ["2026-03-16 09:00", "2026-03-23 09:00", "2026-03-30 09:00", "2026-04-06 09:00"])
        #expect(times.map { F.wallClock($0, in: "UTC") } == ["2026-03-16 08:00", "2026-03-23 08:00", "2026-03-30 07:00", "2026-04-06 07:00"])
        #expect(times[2].timeIntervalSince(times[1]) == 7 * Fixture.day - 3600)
    }

    @Test("09:00 in Paris stays 09:00 local across the October change (CEST → CET)")
    func fallBack() {
        let schedule = F.weekly(from: F.local(2026, 10, 12))
        let times = Self.times(schedule, after: F.local(2026, 10, 13), count: 3)
        #expect(times.map { F.wallClock($0) } == ["2026-10-19 09:00", "2026-10-26 09:00", "2026-11-02 09:00"])
        #expect(times.map { F.wallClock($0, in: "UTC") } == ["2026-10-19 07:00", "2026-10-26 08:00", "2026-11-02 08:00"])
        #expect(times[1].timeIntervalSince(times[0]) == 7 * Fixture.day + 3600)
    }

    @Test("a time the spring change skips resolves after the gap; a repeated one to its first occurrence")
    func skippedAndRepeatedTimes() {
        let spring = Self.times(F.weekly(weekday: 7, hour: 2, minute: 30, from: F.local(2026, 3, 16)), after: .distantPast, count: 3)
        #expect(spring.map { F.wallClock($0) } == ["2026-03-22 02:30", "2026-03-29 03:30", "2026-04-05 02:30"])
        let autumn = Self.times(F.weekly(weekday: 7, hour: 2, minute: 30, from: F.local(2026, 10, 19)), after: .distantPast, count: 1)
        #expect(autumn.map { F.wallClock($0, in: "UTC") } == ["2026-10-25 00:30"])
    }

    @Test("every two weeks stays anchored on the first match time", arguments: [
        (F.local(2026, 1, 1), "2026-01-09 10:00"),
        (F.local(2026, 1, 9, 9, 59), "2026-01-09 10:00"),
        (F.local(2026, 1, 9, 10, 0), "2026-01-23 10:00"),
        (F.local(2026, 1, 16, 10, 0), "2026-01-23 10:00"),
        (F.local(2026, 1, 22, 23, 0), "2026-01-23 10:00"),
        (F.local(2026, 1, 23, 10, 1), "2026-02-06 10:00"),
        (F.local(2026, 3, 26, 12, 0), "2026-04-03 10:00"),
    ])
    func everyTwoWeeks(after: Date, expected: String) throws {
        let schedule = F.weekly(everyWeeks: 2, weekday: 5, hour: 10, from: F.local(2026, 1, 7))
        let next = try #require(schedule.nextMatchTime(after: after))
        #expect(F.wallClock(next) == expected)
    }

    @Test("every 2, 3 and 4 weeks", arguments: [(2, 14), (3, 21), (4, 28)])
    func intervals(weeks: Int, days: Int) {
        let times = Self.times(F.weekly(everyWeeks: weeks, from: F.local(2026, 5, 1)), after: .distantPast, count: 3)
        // No daylight-saving change between May and August: whole days apart.
        let first = F.local(2026, 5, 4, 9)
        #expect(times == [0, days, 2 * days].map { first.addingTimeInterval(Double($0) * Fixture.day) })
    }

    struct FirstTime: Sendable, CustomTestStringConvertible {
        let name: String
        let start: Date
        let weekday: Int
        let hour: Int
        let zone: String
        let expected: String
        var testDescription: String { name }
    }

    static let firstTimes: [FirstTime] = [
        FirstTime(name: "Monday 10:00 start, Monday 09:00 → next week", start: F.local(2026, 3, 2, 10), weekday: 1, hour: 9, zone: "Europe/Paris", expected: "2026-03-09 09:00"),
        FirstTime(name: "Monday 10:00 start, Monday 11:00 → same day", start: F.local(2026, 3, 2, 10), weekday: 1, hour: 11, zone: "Europe/Paris", expected: "2026-03-02 11:00"),
        FirstTime(name: "start exactly at the time is included", start: F.local(2026, 3, 2, 10), weekday: 1, hour: 10, zone: "Europe/Paris", expected: "2026-03-02 10:00"),
        FirstTime(name: "Monday start, Sunday (7) → end of the ISO week", start: F.local(2026, 3, 2, 10), weekday: 7, hour: 9, zone: "Europe/Paris", expected: "2026-03-08 09:00"),
        FirstTime(name: "Monday start, Wednesday (3)", start: F.local(2026, 3, 2, 10), weekday: 3, hour: 9, zone: "Europe/Paris", expected: "2026-03-04 09:00"),
        FirstTime(name: "Sunday start, Monday → next day", start: F.local(2026, 3, 8, 12), weekday: 1, hour: 9, zone: "Europe/Paris", expected: "2026-03-09 09:00"),
        FirstTime(name: "across the new year", start: F.local(2025, 12, 31, 12), weekday: 5, hour: 9, zone: "Europe/Paris", expected: "2026-01-02 09:00"),
        FirstTime(name: "onto a leap day", start: F.local(2028, 2, 28), weekday: 2, hour: 9, zone: "Europe/Paris", expected: "2028-02-29 09:00"),
        FirstTime(name: "weekday taken in the schedule's zone (Sunday 20:00 UTC is Monday in Tokyo)", start: F.utc(2026, 3, 1, 20), weekday: 1, hour: 9, zone: "Asia/Tokyo", expected: "2026-03-02 09:00"),
    ]

    @Test(arguments: firstTimes)
    func weekdayArithmetic(_ row: FirstTime) throws {
        let schedule = F.weekly(weekday: row.weekday, hour: row.hour, zone: row.zone, from: row.start)
        let first = try #require(schedule.nextMatchTime(after: .distantPast))
        #expect(F.wallClock(first, in: row.zone) == row.expected)
        #expect(LocalCalendar.isoWeekday(ofDay: try #require(LocalCalendar(timeZoneIdentifier: row.zone)?.day(of: first))) == row.weekday)
    }

    @Test("local day numbers convert to dates and back")
    func dayNumbers() {
        #expect(CivilCalendar.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.dayNumber(year: 2000, month: 3, day: 1) == 11_017)
        #expect(LocalCalendar.isoWeekday(ofDay: 0) == 4)
        #expect(LocalCalendar.isoWeekday(ofDay: -1) == 3)
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = CivilCalendar.date(fromDay: day)
            #expect(CivilCalendar.dayNumber(year: y, month: m, day: d) == day)
        }
    }

    @Test("one-time schedules")
    func once() {
        let at = F.local(2026, 6, 1, 12)
        let opens = F.local(2026, 5, 25)
        let schedule = Schedule.once(at: at, optInOpensAt: opens)
        #expect(schedule.nextMatchTime(after: F.local(2026, 5, 1)) == at)
        #expect(schedule.nextMatchTime(after: at) == nil)
        #expect(schedule.openTime(forMatchAt: at) == opens)
        #expect(Schedule.once(at: at, optInOpensAt: nil).openTime(forMatchAt: at) == at)
        #expect(schedule.hasOptInPeriod && !Schedule.once(at: at, optInOpensAt: nil).hasOptInPeriod)
    }

    @Test("recurring sessions open the window before their match time")
    func openTime() throws {
        let schedule = F.weekly(window: 3 * Fixture.day)
        let matchAt = try #require(schedule.nextMatchTime(after: F.local(2026, 3, 3)))
        #expect(schedule.openTime(forMatchAt: matchAt) == matchAt.addingTimeInterval(-3 * Fixture.day))
    }

    @Test(arguments: [
        (F.weekly(), [ScheduleError]()),
        (F.weekly(everyWeeks: 0), [.everyWeeksOutOfRange(0)]),
        (F.weekly(everyWeeks: 5), [.everyWeeksOutOfRange(5)]),
        (F.weekly(weekday: 0), [.weekdayOutOfRange(0)]),
        (F.weekly(weekday: 8), [.weekdayOutOfRange(8)]),
        (F.weekly(hour: 24), [.timeOutOfRange(TimeOfDay(hour: 24))]),
        (F.weekly(minute: 60), [.timeOutOfRange(TimeOfDay(hour: 9, minute: 60))]),
        (F.weekly(zone: "Mars/Olympus"), [.unknownTimeZone("Mars/Olympus")]),
        (F.weekly(zone: ""), [.unknownTimeZone("")]),
        (F.weekly(window: -1), [.invalidOptInWindow(-1)]),
        (F.weekly(window: 8 * Fixture.day), [.optInWindowLongerThanInterval]),
        (F.weekly(everyWeeks: 2, window: 8 * Fixture.day), []),
        (F.weekly(everyWeeks: 9, weekday: 9, zone: "Nowhere"), [.everyWeeksOutOfRange(9), .weekdayOutOfRange(9), .unknownTimeZone("Nowhere")]),
        (.once(at: F.local(2026, 6, 1), optInOpensAt: F.local(2026, 6, 2)), [.optInOpensAfterMatch]),
        (.once(at: F.local(2026, 6, 1), optInOpensAt: nil), []),
    ])
    func validation(schedule: Schedule, errors: [ScheduleError]) {
        #expect(schedule.validationErrors == errors)
        if !errors.isEmpty, case .recurring = schedule { #expect(schedule.nextMatchTime(after: F.created) == nil) }
    }
}

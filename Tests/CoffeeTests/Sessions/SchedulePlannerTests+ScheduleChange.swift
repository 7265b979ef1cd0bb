import Foundation
import Testing
@testable import Coffee

/// An edit that changes an active program's schedule: what the old schedule planned is
/// superseded, and the next session is planned on the new one.
extension SchedulePlannerTests {
    /// The program on Wednesdays at 10:00 instead of Mondays at 09:00.
    static let wednesdays = F.program(schedule: F.weekly(weekday: 3, hour: 10))

    @Test("moving Mondays 09:00 to Wednesdays 10:00 supersedes the Monday to come, and plans the Wednesday after now")
    func scheduleMovedLater() throws {
        let now = F.local(2026, 3, 4, 12) // Wednesday 4 March, after 10:00: next Monday is 9 March
        var sessions = [Self.session(.matched, 3, 2), Self.session(.scheduled, 3, 9)]
        let superseded = SchedulePlanner.superseded(byScheduleOf: Self.wednesdays, previous: Self.program, sessions: sessions, now: now)
        #expect(superseded == [Self.id(3, 9)])
        try Self.apply(superseded.map { .cancel($0, reason: .superseded) }, to: &sessions, at: now)
        let plan = SchedulePlanner.plan(programs: [Self.wednesdays], sessions: sessions, now: now)
        let wednesday = F.local(2026, 3, 11, 10)
        #expect(plan == [.create(Session.scheduled(for: Self.wednesdays, matchAt: wednesday, at: now))])
    }

    @Test("moving to an earlier day plans it, though the superseded session was later")
    func scheduleMovedEarlier() throws {
        let now = F.local(2026, 3, 3, 12) // Tuesday 3 March: next Wednesday is 4 March, the old Monday 9 March
        let mondays = Self.program
        var sessions = [Self.session(.scheduled, 3, 9)]
        // The superseded Monday 9 March is the program's latest session; the next is planned after now, not after it.
        let superseded = SchedulePlanner.superseded(byScheduleOf: Self.wednesdays, previous: mondays, sessions: sessions, now: now)
        try Self.apply(superseded.map { .cancel($0, reason: .superseded) }, to: &sessions, at: now)
        try Self.apply(SchedulePlanner.plan(programs: [Self.wednesdays], sessions: sessions, now: now), to: &sessions, at: now)
        #expect(sessions.filter(\.state.isPending).map(\.matchAt) == [F.local(2026, 3, 4, 10)],
                "Wednesday 4 March, not the Wednesday after the superseded Monday 9 March")
    }

    @Test("kept: a session the new schedule also gives, an open one, one added at another time, past ones; and every session of an unchanged schedule")
    func kept() {
        let now = F.local(2026, 3, 4, 12)
        let everyMonday10 = F.program(schedule: F.weekly(hour: 10))
        let sessions = [
            Self.session(.open, 3, 9),                                               // open: members may have opted in
            F.session(program: Self.program, state: .scheduled, matchAt: F.local(2026, 3, 12, 15)), // an admin's one-off
            Self.session(.scheduled, 3, 2),                                          // past
        ]
        #expect(SchedulePlanner.superseded(byScheduleOf: Self.wednesdays, previous: Self.program, sessions: sessions, now: now).isEmpty)
        let fortnightly = F.program(schedule: F.weekly(everyWeeks: 2))
        #expect(SchedulePlanner.superseded(byScheduleOf: fortnightly, previous: Self.program,
                                           sessions: [Self.session(.scheduled, 3, 16)], now: now).isEmpty,
                "16 March is on both schedules")
        #expect(SchedulePlanner.superseded(byScheduleOf: Self.program, previous: Self.program,
                                           sessions: [Self.session(.scheduled, 3, 9)], now: now).isEmpty)
        #expect(SchedulePlanner.superseded(byScheduleOf: everyMonday10, previous: Self.program,
                                           sessions: [Self.session(.scheduled, 3, 9)], now: now) == [Self.id(3, 9)])
        let draft = F.program(schedule: F.weekly(weekday: 3), status: .draft)
        #expect(SchedulePlanner.superseded(byScheduleOf: draft, previous: Self.program,
                                           sessions: [Self.session(.scheduled, 3, 9)], now: now).isEmpty)
    }
}

import Foundation
@testable import Coffee

/// Factories for the program and session tests.
enum ProgramFixture {
    static let tenant = Fixture.tenant
    static let created = Fixture.t0

    /// The instant at which the wall clock in `zone` shows the given date and time.
    static func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0,
                      in zone: String = "Europe/Paris") -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? .gmt
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)) ?? .distantPast
    }

    /// The same instant in UTC.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        local(year, month, day, hour, minute, in: "UTC")
    }

    /// `date` as `yyyy-MM-dd HH:mm` on the wall clock of `zone`.
    static func wallClock(_ date: Date, in zone: String = "Europe/Paris") -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String { let n = n ?? 0; return n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }

    /// Weekly on Mondays at 09:00 in Paris from 2026-03-02, opening two days before.
    static func weekly(everyWeeks: Int = 1, weekday: Int = 1, hour: Int = 9, minute: Int = 0,
                       zone: String = "Europe/Paris", window: TimeInterval = 2 * Fixture.day,
                       from start: Date = local(2026, 3, 2)) -> Schedule {
        .recurring(everyWeeks: everyWeeks, weekday: weekday, time: TimeOfDay(hour: hour, minute: minute),
                   timeZoneIdentifier: zone, optInWindow: window, startingFrom: start)
    }

    static func draft(
        name: String = "Coffee roulette", audience: Audience = .allMembers, mode: ParticipationMode = .automatic,
        groupSize: Int = 2, rules: [MatchingRule] = [], repeatWindow: Int = 6, repeatDecay: Double = 0.5,
        schedule: Schedule = weekly()
    ) -> ProgramDraft {
        ProgramDraft(name: name, audience: audience, participationMode: mode, groupSize: groupSize, rules: rules,
                     repeatWindow: repeatWindow, repeatDecay: repeatDecay, schedule: schedule)
    }

    static func program(
        id: String = "p1", audience: Audience = .allMembers, mode: ParticipationMode = .automatic,
        schedule: Schedule = weekly(), status: ProgramStatus = .active, rules: [MatchingRule] = []
    ) -> Program {
        Program(id: ProgramID(id), tenantID: tenant, name: "Coffee " + id, audience: audience, participationMode: mode,
                matching: MatchingConfiguration(rules: rules), avoidsRepeatsAcrossPrograms: false, schedule: schedule,
                status: status, createdAt: created)
    }

    static func session(
        program: Program = program(), state: SessionState = .scheduled, matchAt: Date = local(2026, 3, 9, 9),
        optedIn: Set<MemberID> = [], optedOut: Set<MemberID> = []
    ) -> Session {
        let scheduled = Session.scheduled(for: program, matchAt: matchAt, at: created)
        return Session(id: scheduled.id, programID: program.id, tenantID: program.tenantID, state: state,
                       opensAt: scheduled.opensAt, matchAt: matchAt, optedIn: optedIn, optedOut: optedOut,
                       createdAt: created)
    }

    /// The engine's result for no participants, enough to record a match.
    static func emptyResult(seed: UInt64 = 7) -> MatchingResult {
        MatchingEngine.run(MatchingInput(participants: [], seed: seed))
    }
}

import Foundation
import Testing
@testable import Coffee

@Suite("Schedule planner — what is due, exactly once, and catch-up after downtime")
struct SchedulePlannerTests {
    typealias F = ProgramFixture

    /// Mondays 09:00 in Paris from 2026-03-02, opening two days before.
    static let program = F.program()
    static func monday(_ month: Int, _ day: Int) -> Date { F.local(2026, month, day, 9) }
    static func session(_ state: SessionState, _ month: Int, _ day: Int, program: Program = program) -> Session {
        F.session(program: program, state: state, matchAt: monday(month, day))
    }
    static func created(_ month: Int, _ day: Int, now: Date, program: Program = program) -> ScheduledAction {
        .create(Session.scheduled(for: program, matchAt: monday(month, day), at: now))
    }
    static func id(_ month: Int, _ day: Int, program: Program = program) -> SessionID {
        SessionID(programID: program.id, matchAt: monday(month, day))
    }

    /// Applies `actions` as the application would, each through its transition.
    static func apply(_ actions: [ScheduledAction], to sessions: inout [Session], at now: Date) throws {
        func index(_ id: SessionID) throws -> Int { try #require(sessions.firstIndex { $0.id == id }) }
        for action in actions {
            switch action {
            case .create(let session):
                #expect(!sessions.contains { $0.id == session.id }, "created twice: \(session.id)")
                sessions.append(session)
            case .open(let id):
                let i = try index(id)
                sessions[i] = try SessionTransition.open(sessions[i], at: now)
            case .match(let id):
                let i = try index(id)
                sessions[i] = try SessionTransition.match(sessions[i], result: F.emptyResult(seed: sessions[i].derivedSeed),
                                                          audienceSize: 0, at: now)
            case .cancel(let id, let reason):
                let i = try index(id)
                sessions[i] = try SessionTransition.cancel(sessions[i], reason: reason, at: now)
            }
        }
    }

    @Test("three weeks down: the overdue session is matched once and the next future one is created")
    func catchUpAfterThreeWeeks() throws {
        var sessions = [Self.session(.open, 3, 9)]
        let now = F.local(2026, 4, 1, 9) // Wednesday, three weeks and two days after the match time
        let actions = SchedulePlanner.plan(programs: [Self.program], sessions: sessions, now: now)
        #expect(actions == [.match(Self.id(3, 9)), Self.created(4, 6, now: now)])
        #expect(actions.filter { if case .match = $0 { true } else { false } }.count == 1)
        try Self.apply(actions, to: &sessions, at: now)
        #expect(SchedulePlanner.plan(programs: [Self.program], sessions: sessions, now: now).isEmpty)
    }

    @Test("a session that was never opened is opened and matched in the same plan")
    func catchUpScheduled() {
        let now = F.local(2026, 4, 1, 9)
        #expect(SchedulePlanner.plan(programs: [Self.program], sessions: [Self.session(.scheduled, 3, 9)], now: now)
            == [.open(Self.id(3, 9)), .match(Self.id(3, 9)), Self.created(4, 6, now: now)])
    }

    struct Scenario: Sendable, CustomTestStringConvertible {
        let name: String
        let program: Program
        let sessions: [Session]
        let now: Date
        let expected: [ScheduledAction]
        var testDescription: String { name }
    }

    static let onceProgram = F.program(id: "once", schedule: .once(at: F.local(2026, 6, 1, 12), optInOpensAt: F.local(2026, 5, 25)))
    static let scenarios: [Scenario] = {
        let now = F.local(2026, 3, 3, 12)
        let afterMatch = monday(3, 9).addingTimeInterval(60)
        return [
            Scenario(name: "draft: nothing", program: F.program(status: .draft), sessions: [], now: now, expected: []),
            Scenario(name: "paused: overdue sessions wait", program: F.program(status: .paused(.byAdmin)),
                     sessions: [session(.open, 3, 2)], now: now, expected: []),
            Scenario(name: "archived: pending sessions are cancelled, others kept", program: F.program(status: .archived),
                     sessions: [session(.matched, 3, 2), session(.open, 3, 9), session(.scheduled, 3, 16)], now: now,
                     expected: [.cancel(id(3, 9), reason: .programArchived), .cancel(id(3, 16), reason: .programArchived)]),
            Scenario(name: "no session yet: the first is created", program: program, sessions: [],
                     now: F.local(2026, 2, 20), expected: [created(3, 2, now: F.local(2026, 2, 20))]),
            Scenario(name: "no session yet, inside the opt-in window: created and opened", program: program, sessions: [],
                     now: F.local(2026, 3, 8, 12), expected: [created(3, 9, now: F.local(2026, 3, 8, 12)), .open(id(3, 9))]),
            Scenario(name: "scheduled, window not open: nothing", program: program, sessions: [session(.scheduled, 3, 9)],
                     now: F.local(2026, 3, 7, 8), expected: []),
            Scenario(name: "scheduled, window open: opened", program: program, sessions: [session(.scheduled, 3, 9)],
                     now: F.local(2026, 3, 7, 9), expected: [.open(id(3, 9))]),
            Scenario(name: "open before the match time: nothing", program: program, sessions: [session(.open, 3, 9)],
                     now: F.local(2026, 3, 9, 8, 59), expected: []),
            Scenario(name: "open at the match time: matched, next created", program: program, sessions: [session(.open, 3, 9)],
                     now: monday(3, 9), expected: [.match(id(3, 9)), created(3, 16, now: monday(3, 9))]),
            Scenario(name: "matched a minute ago: next created", program: program, sessions: [session(.matched, 3, 9)],
                     now: afterMatch, expected: [created(3, 16, now: afterMatch)]),
            Scenario(name: "two overdue: the older superseded, the latest matched", program: program,
                     sessions: [session(.open, 3, 9), session(.scheduled, 3, 16)], now: F.local(2026, 3, 18),
                     expected: [.cancel(id(3, 9), reason: .superseded), .open(id(3, 16)), .match(id(3, 16)),
                                created(3, 23, now: F.local(2026, 3, 18))]),
            Scenario(name: "a cancelled match time is never reused", program: program, sessions: [session(.cancelled, 3, 9)],
                     now: now, expected: [created(3, 16, now: now)]),
            Scenario(name: "sessions of another tenant are ignored", program: program,
                     sessions: [Session(id: SessionID("foreign"), programID: program.id, tenantID: TenantID("other"),
                                        state: .open, opensAt: monday(3, 2), matchAt: monday(3, 2), createdAt: F.created)],
                     now: now, expected: [created(3, 9, now: now)]),
            Scenario(name: "once, before opt-in: created", program: onceProgram, sessions: [], now: F.local(2026, 5, 1),
                     expected: [.create(Session.scheduled(for: onceProgram, matchAt: F.local(2026, 6, 1, 12), at: F.local(2026, 5, 1)))]),
            Scenario(name: "once, downtime past its date: created, opened and matched", program: onceProgram, sessions: [],
                     now: F.local(2026, 6, 3), expected: [
                         .create(Session.scheduled(for: onceProgram, matchAt: F.local(2026, 6, 1, 12), at: F.local(2026, 6, 3))),
                         .open(SessionID(programID: onceProgram.id, matchAt: F.local(2026, 6, 1, 12))),
                         .match(SessionID(programID: onceProgram.id, matchAt: F.local(2026, 6, 1, 12))),
                     ]),
            Scenario(name: "once, matched: nothing more", program: onceProgram,
                     sessions: [F.session(program: onceProgram, state: .matched, matchAt: F.local(2026, 6, 1, 12))],
                     now: F.local(2026, 7, 1), expected: []),
        ]
    }()

    @Test(arguments: scenarios)
    func plans(_ scenario: Scenario) throws {
        let actions = SchedulePlanner.plan(programs: [scenario.program], sessions: scenario.sessions, now: scenario.now)
        #expect(actions == scenario.expected)
        var sessions = scenario.sessions
        try Self.apply(actions, to: &sessions, at: scenario.now)
        #expect(SchedulePlanner.plan(programs: [scenario.program], sessions: sessions, now: scenario.now).isEmpty)
    }

    @Test("hourly ticks over three months with three weeks down: each Monday matched once, missed weeks skipped")
    func simulation() throws {
        let other = F.program(id: "p2", schedule: F.weekly(everyWeeks: 2, weekday: 3, hour: 14, window: 0))
        var sessions: [Session] = []
        var matchActions = 0
        var now = F.local(2026, 3, 1)
        let downFrom = F.local(2026, 4, 1), downUntil = F.local(2026, 4, 22)
        while now < F.local(2026, 5, 31) {
            if now < downFrom || now >= downUntil {
                let actions = SchedulePlanner.plan(programs: [other, Self.program], sessions: sessions, now: now)
                matchActions += actions.filter { if case .match = $0 { true } else { false } }.count
                try Self.apply(actions, to: &sessions, at: now)
                #expect(SchedulePlanner.plan(programs: [other, Self.program], sessions: sessions, now: now).isEmpty)
            }
            now = now.addingTimeInterval(3600)
        }
        let matched = sessions.filter { $0.programID == Self.program.id && $0.state == .matched }.sorted { $0.matchAt < $1.matchAt }
        #expect(matched.map { F.wallClock($0.matchAt) } == [
            "2026-03-02 09:00", "2026-03-09 09:00", "2026-03-16 09:00", "2026-03-23 09:00", "2026-03-30 09:00",
            "2026-04-06 09:00", "2026-04-27 09:00", "2026-05-04 09:00", "2026-05-11 09:00", "2026-05-18 09:00", "2026-05-25 09:00",
        ])
        let lateMatch = try #require(matched.first { F.wallClock($0.matchAt) == "2026-04-06 09:00" }?.match?.matchedAt)
        #expect(lateMatch == downUntil)
        #expect(Set(sessions.map(\.id)).count == sessions.count)
        #expect(matchActions == sessions.filter { $0.state == .matched }.count)
        #expect(sessions.allSatisfy { $0.state == .matched || $0.matchAt > now.addingTimeInterval(-3600) })
    }
}

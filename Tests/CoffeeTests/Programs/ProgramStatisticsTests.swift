import Foundation
import Testing
@testable import Coffee

@Suite("Program statistics — pooled rates over the last matched sessions")
struct ProgramStatisticsTests {
    typealias F = ProgramFixture
    static let department = MatchingRule.differentValue(category: "department")
    static let city = MatchingRule.sameValue(category: "city")

    static func summary(audience: Int, participants: Int, pairs: Int, repeats: Int, unmatched: Int,
                        rules: [(MatchingRule, Int, Int)]) -> SessionSummary {
        SessionSummary(audienceSize: audience, participants: participants, groups: pairs, pairs: pairs, repeatPairs: repeats,
                       repeatsInsideWindow: 0,
                       ruleSatisfaction: rules.enumerated().map { RuleSatisfaction(ruleIndex: $0, rule: $1.0, satisfiedPairs: $1.1, applicablePairs: $1.2) },
                       unmatched: unmatched)
    }

    @Test("rates pool the counts; rules are aggregated by value, most recent session's order first")
    func aggregates() throws {
        let statistics = ProgramStatistics(summaries: [
            Self.summary(audience: 20, participants: 10, pairs: 5, repeats: 1, unmatched: 0, rules: [(Self.city, 5, 5)]),
            Self.summary(audience: 20, participants: 11, pairs: 5, repeats: 0, unmatched: 1, rules: [(Self.department, 3, 4), (Self.city, 4, 5)]),
            Self.summary(audience: 10, participants: 9, pairs: 4, repeats: 1, unmatched: 1, rules: [(Self.department, 1, 2)]),
        ])
        #expect(statistics.sessionCount == 3)
        #expect(statistics.participationRate == 30.0 / 50.0)
        #expect(statistics.repeatRate == 2.0 / 14.0)
        #expect(statistics.unmatchedRate == 2.0 / 30.0)
        #expect(statistics.ruleSatisfaction == [
            .init(rule: Self.department, sessions: 2, satisfiedPairs: 4, applicablePairs: 6),
            .init(rule: Self.city, sessions: 2, satisfiedPairs: 9, applicablePairs: 10),
        ])
        #expect(statistics.ruleSatisfaction.map(\.rate) == [4.0 / 6.0, 0.9])
    }

    @Test("no session, or nothing to divide by, gives no rate")
    func empty() {
        let none = ProgramStatistics(summaries: [])
        #expect(none.participationRate == nil && none.repeatRate == nil && none.unmatchedRate == nil && none.ruleSatisfaction.isEmpty)
        let idle = ProgramStatistics(summaries: [Self.summary(audience: 3, participants: 1, pairs: 0, repeats: 0, unmatched: 1,
                                                              rules: [(Self.department, 0, 0)])])
        #expect(idle.participationRate == 1.0 / 3.0 && idle.repeatRate == nil && idle.unmatchedRate == 1)
        #expect(idle.ruleSatisfaction.first?.rate == nil)
    }

    @Test("of(sessions:last:) takes the last N matched sessions by match time")
    func lastMatchedSessions() throws {
        let program = F.program()
        var sessions: [Session] = []
        for (day, participants) in [(30, 4), (9, 2), (23, 8), (16, 6)] {
            let open = F.session(program: program, state: .open, matchAt: F.local(2026, 3, day, 9))
            let people = (0..<participants).map { Participant(id: ParticipantID("m\($0)")) }
            let result = MatchingEngine.run(MatchingInput(participants: people, seed: 1))
            sessions.append(try SessionTransition.match(open, result: result, audienceSize: 10, at: open.matchAt))
        }
        sessions.append(F.session(program: program, state: .open, matchAt: F.local(2026, 4, 6, 9)))
        let statistics = ProgramStatistics.of(sessions: sessions, last: 2)
        #expect(statistics.sessionCount == 2 && statistics.participants == 12 && statistics.audience == 20)
        #expect(ProgramStatistics.of(sessions: sessions, last: 10).sessionCount == 4)
        #expect(ProgramStatistics.of(sessions: sessions, last: 0).sessionCount == 0)
    }
}

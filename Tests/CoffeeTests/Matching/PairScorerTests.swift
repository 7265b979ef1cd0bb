import Testing
@testable import Coffee

@Suite("Pair scorer — rules, history and priority")
struct PairScorerTests {
    static let a = Participant(id: ParticipantID("a"), categoryValues: ["dept": ["eng"], "city": ["paris"]])
    static let b = Participant(id: ParticipantID("b"), categoryValues: ["dept": ["sales"], "city": ["paris"]])
    static let c = Participant(id: ParticipantID("c"), categoryValues: ["dept": ["eng", "sales"], "city": ["lyon"]])
    static let d = Participant(id: ParticipantID("d"), categoryValues: [:], avoid: [ParticipantID("a")])

    static func scorer(_ rules: [MatchingRule], history: MatchHistory = MatchHistory(), window: Int = 2) -> PairScorer {
        let config = MatchingConfiguration(rules: rules, repeatWindow: window, olderRepeatPenalty: 8, repeatDecay: 0.5)
        return PairScorer(problem: MatchingProblem(participants: [a, b, c, d], configuration: config,
                                                   history: history, priority: []))
    }

    @Test("rule scores (a, b, c, d = 0, 1, 2, 3)", arguments: [
        ([MatchingRule.differentValue(category: "dept", weight: 5)], 0, 1, 5 as Int?),
        ([.differentValue(category: "dept", weight: 5)], 0, 2, 0),   // multi-select shares "eng"
        ([.differentValue(category: "dept", weight: 5)], 1, 3, 0),   // no value: neutral
        ([.differentValue(category: "dept", weight: 5), .allowPair(categoryA: "dept", valueA: "eng",
                                                                   categoryB: "dept", valueB: "sales", bonus: 3)],
         0, 1, 10 + 3),                                              // first rule ×2, second ×1
        ([.sameValue(category: "city", fallback: .amongThemselves)], 0, 1, 0),
        ([.sameValue(category: "city", fallback: .amongThemselves)], 0, 2, nil),
        ([.sameValue(category: "city", fallback: .amongThemselves)], 0, 3, nil),
        ([.sameValue(category: "city", fallback: .withAnyone)], 1, 3, 0),
        ([.denyPair(categoryA: "dept", valueA: "sales", categoryB: "dept", valueB: "eng")], 0, 1, nil),
        ([.denyPair(categoryA: "dept", valueA: "sales", categoryB: "dept", valueB: "eng")], 1, 3, 0),
        ([], 0, 3, nil),                                             // d avoids a
        ([], 3, 0, nil),                                             // both directions
    ] as [([MatchingRule], Int, Int, Int?)])
    func ruleScores(rules: [MatchingRule], x: Int, y: Int, expected: Int?) {
        #expect(Self.scorer(rules).score(x, y) == expected)
    }

    @Test("repeats: forbidden inside the window unless relaxed, decaying penalty outside")
    func repeats() {
        var history = MatchHistory()
        history.record(session: [[ParticipantID("a"), ParticipantID("c")]])          // 4 sessions ago
        history.record(session: [[ParticipantID("a"), ParticipantID("b")]])          // 3 sessions ago
        history.record(session: [])
        history.record(session: [[ParticipantID("b"), ParticipantID("c")]])          // 1 session ago
        #expect(history.sessionsAgo(ParticipantID("b"), ParticipantID("a")) == 3)
        let scorer = Self.scorer([], history: history, window: 2)
        #expect(scorer.score(1, 2) == nil)
        #expect(scorer.score(1, 2, relaxed: true) == -10_000)
        #expect(scorer.score(0, 1) == -8)          // age 3 = window + 1: full penalty
        #expect(scorer.score(0, 2) == -4)          // age 4: decayed once
        #expect(scorer.isRecentRepeat(1, 2) && !scorer.isRecentRepeat(0, 1))
    }
}

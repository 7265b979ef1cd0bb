import Testing
@testable import Coffee

@Suite("Matching engine — quality against known optima")
struct MatchingQualityTests {
    @Test("pairs: the hybrid's total score equals brute force on small even populations")
    func exactEqualsBruteForce() {
        var compared = 0
        for seed in UInt64(0)..<120 {
            var sizeRNG = SeededGenerator(seed: seed &+ 500)
            let count = 2 * (1 + sizeRNG.index(below: 5))
            let input = MatchingFixtures.input(count: count, groupSize: 2, seed: seed)
            let problem = MatchingProblem(participants: input.participants, configuration: input.configuration,
                                          history: input.history, priority: [])
            let scorer = PairScorer(problem: problem)
            guard let best = MatchingOracle.bestPerfectMatching(count: count, weight: { scorer.score($0, $1) }) else {
                continue
            }
            compared += 1
            let result = MatchingEngine.run(input)
            #expect(result.statistics.totalScore == best, "seed \(seed), n = \(count)")
            #expect(result.groups.allSatisfy { $0.members.count == 2 })
        }
        #expect(compared > 40)
    }

    static func skewed(count: Int) -> [Participant] {
        (0..<count).map { i in
            Participant(id: ParticipantID("m\(i)"), categoryValues: ["department": [i % 10 == 0 ? "sales" : "eng"]])
        }
    }

    @Test("skewed 90 %/10 %: every minority member is in a cross pair",
          arguments: [(100, 1_000), (2_000, 0), (2_000, 1_000)])
    func skewedPairs(count: Int, exactPairLimit: Int) {
        let config = MatchingConfiguration(rules: [.differentValue(category: "department")],
                                           exactPairLimit: exactPairLimit)
        let result = MatchingEngine.run(MatchingInput(participants: Self.skewed(count: count),
                                                      configuration: config, seed: 9))
        let minority = count / 10
        #expect(result.statistics.ruleSatisfaction[0].satisfiedPairs == minority)
        #expect(result.unmatched.isEmpty)
    }

    @Test("skewed 90 %/10 % in groups of 4: no group holds two minority members")
    func skewedGroups() {
        let config = MatchingConfiguration(groupSize: 4, rules: [.differentValue(category: "department")])
        let result = MatchingEngine.run(MatchingInput(participants: Self.skewed(count: 400),
                                                      configuration: config, seed: 9))
        let minorityPerGroup = result.groups.map { group in
            group.members.filter { Int($0.rawValue.dropFirst()).map { $0 % 10 == 0 } ?? false }.count
        }
        #expect(minorityPerGroup.allSatisfy { $0 <= 1 })
        #expect(result.unmatched.isEmpty)
    }

    @Test("no repeats in the window over twelve sessions of 200 members, pairs and groups",
          arguments: [(2, 1_000), (2, 0), (4, 0)])
    func twelveSessions(groupSize: Int, exactPairLimit: Int) {
        var rng = SeededGenerator(seed: 1)
        let people = MatchingFixtures.population(count: 200, departments: 20, rng: &rng)
        let config = MatchingConfiguration(groupSize: groupSize, rules: [.differentValue(category: "department")],
                                           repeatWindow: 6, exactPairLimit: exactPairLimit)
        var history = MatchHistory()
        for session in 0..<12 {
            let result = MatchingEngine.run(MatchingInput(participants: people, configuration: config,
                                                          history: history, seed: UInt64(session)))
            #expect(result.statistics.repeatsInsideWindow == 0, "session \(session)")
            #expect(result.unmatched.isEmpty)
            history.record(session: result.groups.map(\.members))
        }
    }
}

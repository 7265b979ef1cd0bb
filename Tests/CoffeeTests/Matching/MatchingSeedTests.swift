import Testing
@testable import Coffee

/// The seed breaks ties (issue 16, defect 2): on a stable population, different seeds
/// give different groupings of the same statistical quality; the same seed gives the
/// same result.
@Suite("Matching engine — the seed breaks ties")
struct MatchingSeedTests {
    /// A stable population: no history, `departments` values cycling.
    static func input(count: Int, departments: Int, rules: [MatchingRule], seed: UInt64) -> MatchingInput {
        let participants = (0..<count).map { index in
            Participant(id: ParticipantID("p\(index)"), categoryValues: ["department": ["d\(index % departments)"]])
        }
        return MatchingInput(participants: participants,
                             configuration: MatchingConfiguration(groupSize: 2, rules: rules, repairTimeLimit: nil),
                             history: MatchHistory(), priority: [], seed: seed)
    }

    static func grouping(_ result: MatchingResult) -> Set<Set<ParticipantID>> {
        Set(result.groups.map { Set($0.members) })
    }

    /// What two runs of the same population must share: their quality.
    struct Quality: Equatable {
        var totalScore: Int
        var repeats: Int
        var satisfied: [Int]
        var unmatched: Int
        init(_ result: MatchingResult) {
            totalScore = result.statistics.totalScore
            repeats = result.statistics.repeatsInsideWindow
            satisfied = result.statistics.ruleSatisfaction.map(\.satisfiedPairs)
            unmatched = result.unmatched.count
        }
    }

    @Test("exact pairs: seeds vary the grouping, never its quality; the same seed repeats it",
          arguments: [(10, 1, false), (11, 2, true), (24, 3, true), (50, 5, true), (9, 3, false)])
    func seedsVaryExactPairs(count: Int, departments: Int, withRule: Bool) {
        let rules: [MatchingRule] = withRule ? [.differentValue(category: "department", weight: 10)] : []
        var groupings: Set<Set<Set<ParticipantID>>> = []
        var qualities: [Quality] = []
        for seed: UInt64 in [1, 2, 3, 42, 99_999, 123_456_789] {
            let input = Self.input(count: count, departments: departments, rules: rules, seed: seed)
            let result = MatchingEngine.run(input)
            #expect(result.statistics.algorithms == [.exact])
            #expect(MatchingEngineTests.violations(input, result) == nil)
            #expect(Self.grouping(MatchingEngine.run(input)) == Self.grouping(result), "seed \(seed) reproduces itself")
            groupings.insert(Self.grouping(result))
            qualities.append(Quality(result))
        }
        #expect(groupings.count >= 4, "six seeds gave only \(groupings.count) different groupings")
        #expect(Set(qualities.map(\.totalScore)).count == 1, "\(qualities)")
        #expect(qualities.allSatisfy { $0 == qualities[0] }, "\(qualities)")
    }

    @Test("random populations: the exact matcher's pairs have the same count and weight whatever the seed")
    func tieBreakingKeepsOptimum() {
        for seed in UInt64(0)..<80 {
            var sizeRNG = SeededGenerator(seed: seed &+ 7)
            let count = 2 + sizeRNG.index(below: 11)
            let input = MatchingFixtures.input(count: count, groupSize: 2, seed: seed)
            let problem = MatchingProblem(participants: input.participants, configuration: input.configuration,
                                          history: input.history, priority: input.priority)
            let scorer = PairScorer(problem: problem)
            let members = Array(0..<count)
            var outcomes: Set<[Int]> = []
            for other in [seed, seed &+ 1, seed &* 31 &+ 5, ~seed] {
                var rng = SeededGenerator(seed: other)
                let (pairs, leftovers) = BlossomMatcher.pairs(members, scorer: scorer, rng: &rng)
                var weight = 0
                for pair in pairs {
                    weight += scorer.score(pair[0], pair[1]) ?? Int.min / 4
                    for member in pair where problem.isPriority[member] { weight += input.configuration.priorityBonus }
                }
                outcomes.insert([pairs.count, leftovers.count, weight])
            }
            #expect(outcomes.count == 1, "seed \(seed), n = \(count): \(outcomes) differ by seed")
        }
    }
}

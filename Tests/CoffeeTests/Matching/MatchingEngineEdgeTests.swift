import Foundation
import Testing
@testable import Coffee

@Suite("Matching engine — relaxation, snapshots, greedy quality")
struct MatchingEngineEdgeTests {
    @Test("a repeat inside the window is allowed only when no other grouping exists")
    func unavoidableRepeat() {
        let ids = ["a", "b", "c", "d"].map(ParticipantID.init)
        var history = MatchHistory()
        history.record(session: [[ids[0], ids[1]]])
        // Two participants who just met: the only grouping repeats.
        let two = MatchingEngine.run(MatchingInput(participants: ids.prefix(2).map { Participant(id: $0) },
                                                   history: history, seed: 1))
        #expect(two.groups.count == 1 && two.statistics.repeatsInsideWindow == 1)
        #expect(two.groups.first?.repeatsInsideWindow == 1)
        // Four: a and b are kept apart.
        let four = MatchingEngine.run(MatchingInput(participants: ids.map { Participant(id: $0) },
                                                    history: history, seed: 1))
        #expect(four.statistics.repeatsInsideWindow == 0)
        #expect(!four.groups.contains { $0.members == [ids[0], ids[1]] })
    }

    @Test("older meetings are allowed but penalised, so fresh partners are preferred")
    func olderRepeatPenalty() {
        let ids = ["a", "b", "c", "d"].map(ParticipantID.init)
        var history = MatchHistory()
        history.record(session: [[ids[0], ids[1]], [ids[2], ids[3]]])
        for _ in 0..<3 { history.record(session: []) }
        let config = MatchingConfiguration(repeatWindow: 2)
        let result = MatchingEngine.run(MatchingInput(participants: ids.map { Participant(id: $0) },
                                                      configuration: config, history: history, seed: 3))
        #expect(result.statistics.repeatsOutsideWindow == 0)
        #expect(result.statistics.repeatsInsideWindow == 0)
    }

    @Test("the configuration snapshot round-trips through JSON")
    func configurationSnapshot() throws {
        let config = MatchingConfiguration(
            groupSize: 3,
            rules: [.differentValue(category: "department", weight: 7),
                    .sameValue(category: "city", fallback: .withAnyone),
                    .denyPair(categoryA: "team", valueA: "a", categoryB: "team", valueB: "b"),
                    .allowPair(categoryA: "level", valueA: "junior", categoryB: "level", valueB: "senior", bonus: 4)],
            repeatWindow: 4, repairTimeLimit: nil)
        let data = try JSONEncoder().encode(config)
        #expect(try JSONDecoder().decode(MatchingConfiguration.self, from: data) == config)
    }

    @Test("no participants give no groups and no unmatched")
    func empty() {
        let result = MatchingEngine.run(MatchingInput(participants: [], seed: 1))
        #expect(result.groups.isEmpty && result.unmatched.isEmpty)
        #expect(result.statistics.totalScore == 0)
    }

    @Test("a result round-trips through JSON, to be stored with its session")
    func resultSnapshot() throws {
        let input = MatchingFixtures.input(count: 9, groupSize: 2, seed: 4)
        let result = MatchingEngine.run(input)
        let data = try JSONEncoder().encode(result)
        #expect(try JSONDecoder().decode(MatchingResult.self, from: data) == result)
    }

    @Test("group size is clamped to 2…6")
    func groupSizeClamped() {
        #expect(MatchingConfiguration(groupSize: 1).groupSize == 2)
        #expect(MatchingConfiguration(groupSize: 9).groupSize == 6)
    }

    @Test("unmatched members are proposed for priority next session, excluded ones are not")
    func priorityNextSession() {
        let people = [Participant(id: ParticipantID("x"), categoryValues: ["city": ["paris"]]),
                      Participant(id: ParticipantID("y"), categoryValues: ["city": ["lyon"]]),
                      Participant(id: ParticipantID("z"))]
        let config = MatchingConfiguration(rules: [.sameValue(category: "city", fallback: .leaveUnmatched)])
        let result = MatchingEngine.run(MatchingInput(participants: people, configuration: config, seed: 1))
        #expect(result.groups.isEmpty)
        #expect(Set(result.priorityNextSession) == [ParticipantID("x"), ParticipantID("y")])
        #expect(result.statistics.unmatchedByReason[.noValueForSameValueRule(category: "city")] == 1)
    }

    @Test("the greedy path reaches at least 90 % of the exact score on pairs of 200")
    func greedyNearExact() async {
        let runs = await offPool { () -> [(UInt64, MatchingResult, MatchingResult)] in
            (UInt64(0)..<5).map { seed in
                var rng = SeededGenerator(seed: seed)
                let people = MatchingFixtures.population(count: 200, departments: 5, rng: &rng)
                let history = MatchingFixtures.history(of: people, sessions: 4, rng: &rng)
                let rules: [MatchingRule] = [.differentValue(category: "department"),
                                             .allowPair(categoryA: "city", valueA: "c0", categoryB: "city",
                                                        valueB: "c1", bonus: 5)]
                func run(limit: Int) -> MatchingResult {
                    MatchingEngine.run(MatchingInput(
                        participants: people,
                        configuration: MatchingConfiguration(rules: rules, repeatWindow: 2, exactPairLimit: limit),
                        history: history, seed: seed))
                }
                return (seed, run(limit: 1_000), run(limit: 0))
            }
        }
        for (seed, exact, greedy) in runs {
            #expect(exact.statistics.algorithms == [.exact] && greedy.statistics.algorithms == [.greedy])
            #expect(greedy.statistics.totalScore <= exact.statistics.totalScore)
            #expect(Double(greedy.statistics.totalScore) >= 0.9 * Double(exact.statistics.totalScore),
                    "seed \(seed): greedy \(greedy.statistics.totalScore), exact \(exact.statistics.totalScore)")
        }
    }
}

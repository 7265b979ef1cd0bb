import Testing
@testable import Coffee

/// The result's orders (issue 16: with participants in id order, members and groups are
/// sorted by participant index instead of by id string — the same orders).
@Suite("Matching result order — members and groups by id, whatever the input order")
struct ResultSummaryTests {
    /// The benchmark's population with ids that sort as their indices do (`member-000042`)
    /// or not (`member-42`), in id order or not.
    static func input(size: Int, groupSize: Int, padded: Bool, sorted: Bool) -> MatchingInput {
        var input = MatchingBenchmark.makeInput(size: size, groupSize: groupSize)
        input.configuration.repairTimeLimit = nil
        if padded {
            input.participants = input.participants.map { participant in
                var participant = participant
                let number = participant.id.rawValue.dropFirst("member-".count)
                participant.id = ParticipantID("member-" + String(repeating: "0", count: 6 - number.count) + number)
                return participant
            }
        }
        if sorted { input.participants.sort { $0.id < $1.id } }
        return input
    }

    @Test("members sorted by id in each group, groups by first member, every participant once",
          arguments: [(true, true), (true, false), (false, true), (false, false)])
    func orders(padded: Bool, sorted: Bool) {
        for (size, groupSize) in [(301, 2), (300, 3), (1_200, 4)] {
            let input = Self.input(size: size, groupSize: groupSize, padded: padded, sorted: sorted)
            let result = MatchingEngine.run(input)
            #expect(result.groups.allSatisfy { $0.members == $0.members.sorted() })
            #expect(zip(result.groups, result.groups.dropFirst()).allSatisfy { $0.members[0] < $1.members[0] })
            let placed = result.groups.flatMap(\.members) + result.unmatched.map(\.id)
            #expect(placed.count == size && Set(placed).count == size)
        }
    }

    @Test("participants in id order: the same groups whether the ids are compared as strings or by index")
    func indexOrderIsIdOrder() {
        let input = Self.input(size: 1_200, groupSize: 4, padded: true, sorted: true)
        let problem = MatchingProblem(participants: input.participants, configuration: input.configuration,
                                      history: input.history, priority: input.priority)
        #expect(problem.idsAscending)
        let scorer = PairScorer(problem: problem)
        // Index groups in a scrambled order, members scrambled in each.
        var generator = SeededGenerator(seed: 7)
        let indexGroups = Array(0..<problem.count).shuffled(using: &generator).chunked(4)
        let summary = ResultSummary(groups: indexGroups, scorer: scorer)
        let byString = indexGroups.map { $0.map { problem.ids[$0] }.sorted() }.sorted { $0[0] < $1[0] }
        #expect(summary.groups.map(\.members) == byString)
    }
}

extension Array {
    /// Consecutive slices of `size` elements (the last may be shorter).
    fileprivate func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}

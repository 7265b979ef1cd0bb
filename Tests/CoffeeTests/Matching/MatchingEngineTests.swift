import Testing
@testable import Coffee

@Suite("Matching engine — properties over seeded random populations")
struct MatchingEngineTests {
    /// Checks the invariants every result must keep; returns a description of the
    /// first violation, or nil.
    static func violations(_ input: MatchingInput, _ result: MatchingResult) -> String? {
        let g = input.configuration.groupSize
        var seen: [ParticipantID: Int] = [:]
        for group in result.groups { for id in group.members { seen[id, default: 0] += 1 } }
        for entry in result.unmatched where entry.reason != .duplicateParticipant { seen[entry.id, default: 0] += 1 }
        let ids = Set(input.participants.map(\.id))
        if Set(seen.keys) != ids { return "participants missing or invented" }
        if let twice = seen.first(where: { $0.value != 1 }) { return "\(twice.key) placed \(twice.value) times" }
        if let bad = result.groups.first(where: { $0.members.count != g && $0.members.count != g + 1 }) {
            return "group of \(bad.members.count) with g = \(g)"
        }
        let byID = Dictionary(input.participants.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for group in result.groups {
            for (i, a) in group.members.enumerated() {
                for b in group.members[(i + 1)...] {
                    guard let pa = byID[a], let pb = byID[b] else { return "unknown member" }
                    if !MatchingOracle.hardRulesAllow(pa, pb, rules: input.configuration.rules) {
                        return "hard rule broken by \(a) and \(b)"
                    }
                }
            }
        }
        if input.participants.count == 1, result.unmatched.first?.reason != .onlyParticipant {
            return "a lone participant must be .onlyParticipant"
        }
        return nil
    }

    @Test("small populations: everyone placed once, sizes g or g+1, hard rules kept, repeat-free when possible",
          arguments: [2, 3, 4])
    func smallPopulationsAgainstBruteForce(groupSize: Int) {
        var checkedFeasible = 0
        for seed in UInt64(0)..<150 {
            var sizeRNG = SeededGenerator(seed: seed &+ 1_000)
            let count = groupSize < 4 ? 1 + sizeRNG.index(below: 9) : groupSize + sizeRNG.index(below: 7)
            let input = MatchingFixtures.input(count: count, groupSize: groupSize, seed: seed)
            let result = MatchingEngine.run(input)
            if let problem = Self.violations(input, result) {
                Issue.record("seed \(seed), n = \(count): \(problem)")
                continue
            }
            if MatchingOracle.repeatFreeGroupingExists(input) {
                checkedFeasible += 1
                #expect(result.statistics.repeatsInsideWindow == 0, "seed \(seed): avoidable repeat")
                #expect(result.unmatched.isEmpty, "seed \(seed): \(result.unmatched) unmatched although a grouping exists")
            }
        }
        #expect(checkedFeasible > 10, "only \(checkedFeasible) feasible cases checked")
    }

    @Test("larger populations keep the invariants on both paths",
          arguments: [(2, 0), (2, 1_000), (3, 0), (4, 0), (6, 0)])
    func largerPopulationInvariants(groupSize: Int, exactPairLimit: Int) async {
        let problems = await offPool { () -> [String] in
            var problems: [String] = []
            for seed in UInt64(0)..<60 {
                var sizeRNG = SeededGenerator(seed: seed &+ 7)
                let count = 1 + sizeRNG.index(below: 120)
                let input = MatchingFixtures.input(count: count, groupSize: groupSize, seed: seed,
                                                   anyFallback: true, exactPairLimit: exactPairLimit)
                let result = MatchingEngine.run(input)
                if let problem = Self.violations(input, result) {
                    problems.append("seed \(seed), n = \(count), g = \(groupSize), limit \(exactPairLimit): \(problem)")
                }
            }
            return problems
        }
        for problem in problems { Issue.record("\(problem)") }
    }

    @Test("the same seed gives the same groups; another seed may not", arguments: [2, 4])
    func determinism(groupSize: Int) {
        for seed in UInt64(0)..<10 {
            let input = MatchingFixtures.input(count: 60, groupSize: groupSize, seed: seed, exactPairLimit: 30)
            let first = MatchingEngine.run(input), second = MatchingEngine.run(input)
            #expect(first.groups == second.groups)
            #expect(first.unmatched == second.unmatched)
            #expect(first.seed == seed && first.engineVersion == Coffee.engineVersion)
        }
    }

    @Test("shuffling the input order does not change the exact matcher's score")
    func inputOrder() {
        let input = MatchingFixtures.input(count: 40, groupSize: 2, seed: 3)
        var shuffled = input
        var rng = SeededGenerator(seed: 99)
        rng.shuffle(&shuffled.participants)
        #expect(MatchingEngine.run(input).statistics.totalScore == MatchingEngine.run(shuffled).statistics.totalScore)
    }

    @Test("one participant stays alone; five with g = 2 give a pair and a trio")
    func smallCounts() {
        let one = MatchingEngine.run(MatchingInput(participants: [Participant(id: ParticipantID("a"))], seed: 1))
        #expect(one.groups.isEmpty)
        #expect(one.unmatched == [.init(id: ParticipantID("a"), reason: .onlyParticipant)])
        let five = MatchingEngine.run(MatchingInput(
            participants: (0..<5).map { Participant(id: ParticipantID("m\($0)")) }, seed: 1))
        #expect(five.groups.map(\.members.count).sorted() == [2, 3])
        #expect(five.unmatched.isEmpty)
    }

    @Test("a duplicate id takes part once (ids out of order or in order, issue 16: a run in id order skips the set)",
          arguments: [["a", "b", "a"], ["a", "a", "b"], ["a", "b", "b"]])
    func duplicates(ids: [String]) {
        let people = ids.map { Participant(id: ParticipantID($0)) }
        let duplicate = ids == ["a", "b", "b"] ? "b" : "a"
        let result = MatchingEngine.run(MatchingInput(participants: people, seed: 1))
        #expect(result.groups.map(\.members) == [[ParticipantID("a"), ParticipantID("b")]])
        #expect(result.unmatched == [.init(id: ParticipantID(duplicate), reason: .duplicateParticipant)])
    }

    @Test("priority members are matched when someone must be left out",
          arguments: [("p", "y"), ("y", "p")])
    func priority(favoured: String, other: String) {
        // p avoids y, so no trio is possible: {p, x} or {x, y}, and one stays out.
        let ids = ["p", "x", "y"].map(ParticipantID.init)
        let people = [Participant(id: ids[0], avoid: [ids[2]]), Participant(id: ids[1]), Participant(id: ids[2])]
        for seed in UInt64(0)..<10 {
            for limit in [1_000, 0] {
                let config = MatchingConfiguration(exactPairLimit: limit)
                let result = MatchingEngine.run(MatchingInput(participants: people, configuration: config,
                                                              priority: [ParticipantID(favoured)], seed: seed))
                #expect(result.groups.count == 1)
                #expect(result.groups.first?.members.contains(ParticipantID(favoured)) == true)
                #expect(result.unmatched == [.init(id: ParticipantID(other), reason: .aloneAfterGrouping)])
            }
        }
    }

    @Test("sameValue fallbacks: among themselves, with anyone, left unmatched",
          arguments: SameValueFallback.allCases)
    func sameValueFallbacks(fallback: SameValueFallback) {
        let people = (0..<8).map { i in
            Participant(id: ParticipantID("m\(i)"), categoryValues: i < 4 ? ["city": ["c\(i % 2)"]] : [:])
        }
        let config = MatchingConfiguration(rules: [.sameValue(category: "city", fallback: fallback)])
        let input = MatchingInput(participants: people, configuration: config, seed: 11)
        let result = MatchingEngine.run(input)
        #expect(Self.violations(input, result) == nil)
        switch fallback {
        case .amongThemselves, .withAnyone:
            #expect(result.unmatched.isEmpty)
        case .leaveUnmatched:
            #expect(result.unmatched.count == 4)
            #expect(result.unmatched.allSatisfy { $0.reason == .noValueForSameValueRule(category: "city") })
        }
    }
}

import Testing
@testable import Coffee

/// The org-chart and time-zone rules (issue 16, build item 1), checked by brute force on
/// small populations: never a manager with a direct report (nor, optionally, two reports
/// of one manager) whenever a valid grouping exists, and the time-zone tolerance always
/// respected.
@Suite("Matching engine — org chart and time zones")
struct OrgChartRuleTests {
    /// A random org chart over `count` participants: each has a manager among the
    /// earlier ones (or an outsider, or none), so reports cluster under a few managers.
    static func orgChart(count: Int, rng: inout SeededGenerator) -> [Participant] {
        (0..<count).map { index in
            var manager: ParticipantID?
            switch rng.index(below: 6) {
            case 0: manager = nil
            case 1: manager = ParticipantID("outside\(rng.index(below: 2))")
            default: manager = index == 0 ? nil : ParticipantID("p\(rng.index(below: min(index, 3)))")
            }
            return Participant(id: ParticipantID("p\(index)"), categoryValues: ["department": ["d\(rng.index(below: 3))"]],
                               managerID: manager)
        }
    }

    /// UTC offsets of real zones (minutes), some members without a zone.
    static let offsets: [Int?] = [-480, -300, 0, 60, 120, 330, 540, nil]

    static func forbiddenPairs(_ result: MatchingResult, _ input: MatchingInput) -> [String] {
        let byID = Dictionary(uniqueKeysWithValues: input.participants.map { ($0.id, $0) })
        var bad: [String] = []
        for group in result.groups {
            for (i, a) in group.members.enumerated() {
                for b in group.members[(i + 1)...] {
                    guard let pa = byID[a], let pb = byID[b] else { continue }
                    if !MatchingOracle.hardRulesAllow(pa, pb, rules: input.configuration.rules) { bad.append("\(a)+\(b)") }
                }
            }
        }
        return bad
    }

    @Test("never a manager with a report (nor peers when asked) whenever a valid grouping exists; brute force",
          arguments: [(2, false), (2, true), (3, false), (3, true)])
    func managersAndReports(groupSize: Int, includingPeers: Bool) {
        var feasible = 0, infeasible = 0
        for seed in UInt64(0)..<200 {
            var rng = SeededGenerator(seed: seed &* 7_919 &+ UInt64(groupSize))
            let count = groupSize + rng.index(below: 8 - groupSize)
            let rules: [MatchingRule] = [.notWithManager(includingPeers: includingPeers)]
                + (rng.index(below: 2) == 0 ? [.differentValue(category: "department")] : [])
            let input = MatchingInput(participants: Self.orgChart(count: count, rng: &rng),
                                      configuration: MatchingConfiguration(groupSize: groupSize, rules: rules, repairTimeLimit: nil),
                                      history: MatchHistory(), priority: [], seed: seed)
            let result = MatchingEngine.run(input)
            #expect(Self.forbiddenPairs(result, input).isEmpty, "seed \(seed): \(result.groups)")
            #expect(MatchingEngineTests.violations(input, result) == nil, "seed \(seed)")
            if MatchingOracle.repeatFreeGroupingExists(input) {
                feasible += 1
                #expect(result.unmatched.isEmpty, "seed \(seed), n = \(count): \(result.unmatched) although a valid grouping exists")
            } else {
                infeasible += 1
            }
        }
        #expect(feasible > 10 && infeasible > 0, "feasible \(feasible), infeasible \(infeasible): the cases do not cover both")
    }

    @Test("the time-zone tolerance is never exceeded; everyone is placed when a valid grouping exists; brute force",
          arguments: [(2, 0, false), (2, 2, false), (2, 3, true), (3, 5, false), (3, 9, true)])
    func timeZoneTolerance(groupSize: Int, tolerance: Int, different: Bool) {
        var feasible = 0
        for seed in UInt64(0)..<200 {
            var rng = SeededGenerator(seed: seed &* 104_729 &+ UInt64(tolerance))
            let count = groupSize + rng.index(below: 8 - groupSize)
            let participants = (0..<count).map { index in
                Participant(id: ParticipantID("p\(index)"), utcOffsetMinutes: Self.offsets[rng.index(below: Self.offsets.count)])
            }
            let rule: MatchingRule = different ? .differentTimeZone(toleranceHours: tolerance, weight: 10)
                                               : .sameTimeZone(toleranceHours: tolerance)
            let input = MatchingInput(participants: participants,
                                      configuration: MatchingConfiguration(groupSize: groupSize, rules: [rule], repairTimeLimit: nil),
                                      history: MatchHistory(), priority: [], seed: seed)
            let result = MatchingEngine.run(input)
            let byID = Dictionary(uniqueKeysWithValues: participants.map { ($0.id, $0.utcOffsetMinutes) })
            for group in result.groups {
                let known = group.members.compactMap { byID[$0] ?? nil }
                if let low = known.min(), let high = known.max() {
                    #expect(high - low <= tolerance * 60, "seed \(seed): \(group.members) spans \(high - low) minutes")
                }
            }
            if MatchingOracle.repeatFreeGroupingExists(input) {
                feasible += 1
                #expect(result.unmatched.isEmpty, "seed \(seed): \(result.unmatched) although a valid grouping exists")
            }
        }
        #expect(feasible > 20, "only \(feasible) feasible cases")
    }

    @Test("differentValue on time zones prefers pairs in different zones within the tolerance")
    func differentTimeZonesPreferred() {
        // Two in Paris (+60), two in London (0): the two cross pairs beat the two same-zone ones.
        let participants = [("a", 60), ("b", 60), ("c", 0), ("d", 0)].map {
            Participant(id: ParticipantID($0.0), utcOffsetMinutes: $0.1)
        }
        for seed: UInt64 in [1, 2, 3] {
            let input = MatchingInput(participants: participants,
                                      configuration: MatchingConfiguration(rules: [.differentTimeZone(toleranceHours: 2)]),
                                      history: MatchHistory(), priority: [], seed: seed)
            let result = MatchingEngine.run(input)
            #expect(result.statistics.ruleSatisfaction.first?.satisfiedPairs == 2, "\(result.groups)")
        }
    }

    @Test("a manager outside the session still makes their reports peers")
    func peersOfAnAbsentManager() {
        let participants = [
            Participant(id: ParticipantID("a"), managerID: ParticipantID("boss")),
            Participant(id: ParticipantID("b"), managerID: ParticipantID("boss")),
            Participant(id: ParticipantID("c")), Participant(id: ParticipantID("d"), managerID: ParticipantID("other")),
        ]
        for seed: UInt64 in 0..<5 {
            let input = MatchingInput(participants: participants,
                                      configuration: MatchingConfiguration(rules: [.notWithManager(includingPeers: true)]),
                                      history: MatchHistory(), priority: [], seed: seed)
            let result = MatchingEngine.run(input)
            #expect(!result.groups.contains { Set($0.members) == [ParticipantID("a"), ParticipantID("b")] }, "\(result.groups)")
            #expect(result.unmatched.isEmpty)
        }
    }
}

@testable import Coffee

/// Seeded random populations, rules and histories for the matching tests.
enum MatchingFixtures {
    /// A random population of `count` participants: a single-valued `department`
    /// (`departments` values), a `city` (3 values, some members without one), and, when
    /// `avoidProbability` > 0, random avoid lists.
    static func population(count: Int, departments: Int = 3, avoidProbability: Double = 0,
                           rng: inout SeededGenerator) -> [Participant] {
        let ids = (0..<count).map { ParticipantID("p\($0)") }
        return ids.map { id in
            var values: [String: [String]] = ["department": ["d\(rng.index(below: departments))"]]
            if rng.index(below: 5) > 0 { values["city"] = ["c\(rng.index(below: 3))"] }
            var avoid: Set<ParticipantID> = []
            if avoidProbability > 0 {
                for other in ids where other != id && Double(rng.index(below: 1000)) < avoidProbability * 1000 {
                    avoid.insert(other)
                }
            }
            return Participant(id: id, categoryValues: values, avoid: avoid)
        }
    }

    /// Random rules, hard and soft, drawn from the population's categories.
    /// `sameValue` only uses the `amongThemselves` fallback unless `anyFallback`.
    static func rules(rng: inout SeededGenerator, anyFallback: Bool = false) -> [MatchingRule] {
        var rules: [MatchingRule] = []
        if rng.index(below: 2) == 0 { rules.append(.differentValue(category: "department", weight: 1 + rng.index(below: 20))) }
        if rng.index(below: 4) == 0 {
            let fallback = anyFallback ? SameValueFallback.allCases[rng.index(below: 3)] : .amongThemselves
            rules.append(.sameValue(category: "city", fallback: fallback))
        }
        if rng.index(below: 3) == 0 {
            rules.append(.denyPair(categoryA: "department", valueA: "d\(rng.index(below: 3))",
                                   categoryB: "department", valueB: "d\(rng.index(below: 3))"))
        }
        if rng.index(below: 3) == 0 {
            rules.append(.allowPair(categoryA: "department", valueA: "d0", categoryB: "city",
                                    valueB: "c\(rng.index(below: 3))", bonus: 1 + rng.index(below: 10)))
        }
        rng.shuffle(&rules)
        return rules
    }

    /// `sessions` random past sessions of pairs among `participants`.
    static func history(of participants: [Participant], sessions: Int, rng: inout SeededGenerator) -> MatchHistory {
        var history = MatchHistory()
        for _ in 0..<sessions {
            var ids = participants.map(\.id)
            rng.shuffle(&ids)
            var groups: [[ParticipantID]] = []
            var i = 0
            while i + 1 < ids.count {
                if rng.index(below: 3) > 0 { groups.append([ids[i], ids[i + 1]]) }
                i += 2
            }
            history.record(session: groups)
        }
        return history
    }

    /// A random input of `count` participants (rules, history, priority, seed).
    static func input(count: Int, groupSize: Int, seed: UInt64, anyFallback: Bool = false,
                      exactPairLimit: Int = 1_000) -> MatchingInput {
        var rng = SeededGenerator(seed: seed)
        let participants = population(count: count, avoidProbability: 0.1, rng: &rng)
        let rules = rules(rng: &rng, anyFallback: anyFallback)
        let history = history(of: participants, sessions: rng.index(below: 5), rng: &rng)
        let configuration = MatchingConfiguration(groupSize: groupSize, rules: rules,
                                                  repeatWindow: 1 + rng.index(below: 3),
                                                  exactPairLimit: exactPairLimit)
        let priority: Set<ParticipantID> = rng.index(below: 2) == 0 && count > 0 ? [participants[0].id] : []
        return MatchingInput(participants: participants, configuration: configuration,
                             history: history, priority: priority, seed: seed)
    }
}

/// Turns the engine's index groups into ``MatchGroup`` values and counts what the
/// statistics report: repeats inside and outside the window, and per-rule satisfaction
/// over every pair inside a group.
struct ResultSummary {
    var groups: [MatchGroup] = []
    var repeatsInsideWindow = 0
    var repeatsOutsideWindow = 0
    var ruleSatisfaction: [RuleSatisfaction] = []
    var totalScore = 0

    init(groups indexGroups: [[Int]], scorer: PairScorer) {
        let problem = scorer.problem
        let rules = problem.configuration.rules
        var satisfied = Array(repeating: 0, count: rules.count)
        var applicable = Array(repeating: 0, count: rules.count)
        groups.reserveCapacity(indexGroups.count)
        // Participants in id order (a session's selection is sorted by id): an index's
        // order is its id's, so members and groups are sorted by index, comparing integers
        // instead of strings (issue 16) — the same orders.
        let indexOrder = problem.idsAscending
        var firstIndex: [Int] = []
        if indexOrder { firstIndex.reserveCapacity(indexGroups.count) }
        // Reset per group, allocated once (issue 16: two arrays per group of 50,000).
        var groupApplicable = Array(repeating: 0, count: rules.count)
        var groupSatisfied = Array(repeating: 0, count: rules.count)
        for members in indexGroups {
            var inside = 0
            for rule in rules.indices {
                groupApplicable[rule] = 0
                groupSatisfied[rule] = 0
            }
            for i in members.indices {
                for j in (i + 1)..<members.count {
                    let a = members[i], b = members[j]
                    if let age = problem.history.value(a, b) {
                        if Int(age) <= problem.configuration.repeatWindow { inside += 1 } else { repeatsOutsideWindow += 1 }
                    }
                    for rule in rules.indices {
                        guard let ok = scorer.satisfies(rule: rule, a, b) else { continue }
                        groupApplicable[rule] += 1
                        if ok { groupSatisfied[rule] += 1 }
                    }
                }
            }
            var satisfiedRules: [Int] = []
            for rule in rules.indices {
                applicable[rule] += groupApplicable[rule]
                satisfied[rule] += groupSatisfied[rule]
                if case .allowPair = rules[rule] {
                    if groupSatisfied[rule] > 0 { satisfiedRules.append(rule) }
                } else if groupSatisfied[rule] == groupApplicable[rule] {
                    satisfiedRules.append(rule)
                }
            }
            repeatsInsideWindow += inside
            let score = scorer.groupScore(members) ?? 0
            totalScore += score
            let sorted = indexOrder ? members.sorted().map { problem.ids[$0] } : members.map { problem.ids[$0] }.sorted()
            if indexOrder { firstIndex.append(members.min() ?? -1) }
            groups.append(MatchGroup(members: sorted, score: score,
                                     satisfiedRules: satisfiedRules, repeatsInsideWindow: inside))
        }
        // The groups' positions sorted by first member, then the groups put in that order
        // once (issue 16: sorting the groups themselves copied a first member out of a group
        // at every comparison, a twentieth of a 100,000-member match's CPU). The same stable
        // sort: the same order, equal first members (only empty groups) included.
        var order = Array(groups.indices)
        if indexOrder {
            order.sort { firstIndex[$0] < firstIndex[$1] }
        } else {
            let firsts = groups.map { $0.members.first?.rawValue ?? "" }
            order.sort { firsts[$0] < firsts[$1] }
        }
        groups = order.map { groups[$0] }
        ruleSatisfaction = rules.indices.map { index in
            RuleSatisfaction(ruleIndex: index, rule: rules[index],
                             satisfiedPairs: satisfied[index], applicablePairs: applicable[index])
        }
    }
}

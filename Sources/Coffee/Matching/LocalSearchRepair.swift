/// Bounded local search over a grouping: swaps two members of different groups, or
/// moves a member from a group of g + 1 to a group of g, whenever that raises the total
/// score (scored with the repeat window relaxed, so removing a recent repeat is worth
/// ``MatchingConfiguration/relaxedRepeatPenalty``). Hard rules are never broken.
///
/// It works through a queue of members that sit in a defective pair (a repeat, or a
/// broken `differentValue` rule) or whose value of the first `differentValue` rule is
/// over its quota in their group; after a change, the members of both groups that are
/// still defective are queued again. On small populations every other group is tried;
/// on large ones K random groups per member. The work is bounded by
/// ``MatchingConfiguration/repairMovesPerParticipant`` candidate evaluations per member,
/// so the outcome depends on the seed alone; the optional wall-clock cap only matters
/// when it is hit.
struct LocalSearchRepair {
    let scorer: PairScorer

    /// Below this many members, the repair tries every partner group.
    static let exhaustiveLimit = 64

    /// Improves `groups` in place; returns the number of improving changes made.
    @discardableResult
    func repair(_ groups: inout [[Int]], groupSize: Int, rng: inout SeededGenerator,
                isPastDeadline: () -> Bool = { false }) -> Int {
        guard groups.count > 1 else { return 0 }
        let configuration = scorer.problem.configuration
        let memberCount = groups.reduce(0) { $0 + $1.count }
        let budget = configuration.repairMovesPerParticipant * memberCount
        let exhaustive = memberCount <= Self.exhaustiveLimit
        let tries = configuration.candidateCount
        let participantCount = scorer.problem.count
        var groupOf = Array(repeating: -1, count: participantCount)
        var queue: [Int] = []
        var queued = Array(repeating: false, count: participantCount)
        for (index, group) in groups.enumerated() {
            for member in group {
                groupOf[member] = index
                if isDefective(member, in: group) {
                    queue.append(member)
                    queued[member] = true
                }
            }
        }
        var evaluations = 0
        var improvements = 0
        var head = 0

        func contribution(_ x: Int, _ group: Int, excluding: Int = -1) -> Int? {
            scorer.contribution(of: x, in: groups[group], excluding: excluding, relaxed: true)
        }
        /// Tries to improve `a` (in group `ga`) against group `gb`; applies the best
        /// change there and returns whether it did.
        func improve(_ a: Int, _ ga: Int, against gb: Int) -> Bool {
            guard let stay = contribution(a, ga) else { return false }
            var bestDelta = 0
            var bestPartner = -2  // -1: move, ≥ 0: swap with that member
            evaluations += 1
            if groups[ga].count == groupSize + 1, groups[gb].count == groupSize,
               let gain = contribution(a, gb), gain - stay > bestDelta {
                bestDelta = gain - stay
                bestPartner = -1
            }
            for b in groups[gb] {
                evaluations += 1
                guard let bStay = contribution(b, gb),
                      let aThere = contribution(a, gb, excluding: b),
                      let bHere = contribution(b, ga, excluding: a) else { continue }
                let delta = aThere + bHere - stay - bStay
                if delta > bestDelta {
                    bestDelta = delta
                    bestPartner = b
                }
            }
            guard bestPartner != -2 else { return false }
            if let index = groups[ga].firstIndex(of: a) { groups[ga].remove(at: index) }
            if bestPartner >= 0 {
                if let index = groups[gb].firstIndex(of: bestPartner) { groups[gb].remove(at: index) }
                groups[ga].append(bestPartner)
                groupOf[bestPartner] = ga
            }
            groups[gb].append(a)
            groupOf[a] = gb
            for group in [ga, gb] {
                for member in groups[group] where !queued[member] && isDefective(member, in: groups[group]) {
                    queue.append(member)
                    queued[member] = true
                }
            }
            return true
        }

        while head < queue.count, evaluations < budget {
            if head & 0x3F == 0, isPastDeadline() { break }
            let a = queue[head]
            head += 1
            queued[a] = false
            let ga = groupOf[a]
            guard ga >= 0, isDefective(a, in: groups[ga]) else { continue }
            if exhaustive {
                for gb in groups.indices where gb != ga {
                    if improve(a, ga, against: gb) {
                        improvements += 1
                        break
                    }
                }
            } else {
                for _ in 0..<tries {
                    let gb = rng.index(below: groups.count)
                    if gb != ga, improve(a, ga, against: gb) {
                        improvements += 1
                        break
                    }
                }
            }
        }
        return improvements
    }

    private func isDefective(_ member: Int, in group: [Int]) -> Bool {
        scorer.isOverQuota(member, in: group)
            || group.contains { other in other != member && scorer.isDefective(member, other) }
    }
}

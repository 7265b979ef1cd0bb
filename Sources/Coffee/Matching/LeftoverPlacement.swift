/// Places the members a matcher left over, so that nobody stays alone when a group can
/// take them: groups are of size g or g + 1.
///
/// 1. Each leftover (priority members first) joins the best group of size g whose
///    members it may all meet without a recent repeat.
/// 2. If at least g remain, they are grouped among themselves with the repeat window
///    relaxed (the window is hard "unless impossible"; here it was impossible).
/// 3. The rest join groups of size g with the window relaxed.
/// 4. Whoever is still left is unmatched: ``UnmatchedReason/noCompatiblePartner`` when
///    hard rules forbid them every other member of their partition, otherwise
///    ``UnmatchedReason/aloneAfterGrouping``.
struct LeftoverPlacement {
    let scorer: PairScorer

    /// Adds `leftovers` to `groups` where possible; returns those that remain unmatched
    /// with their reason. `partition` is the set of members they could have met.
    func place(_ leftovers: [Int], into groups: inout [[Int]], groupSize: Int, partition: [Int],
               rng: inout SeededGenerator) -> [(Int, UnmatchedReason)] {
        guard !leftovers.isEmpty else { return [] }
        let problem = scorer.problem
        let ordered = leftovers.enumerated().sorted { x, y in
            let px = problem.isPriority[x.element], py = problem.isPriority[y.element]
            return px != py ? px : x.offset < y.offset
        }.map(\.element)

        var remaining = join(ordered, into: &groups, groupSize: groupSize, relaxed: false)
        if remaining.count >= groupSize {
            let greedy = GreedyMatcher(scorer: scorer)
            let result = greedy.group(remaining, groupSize: groupSize, relaxed: true, rng: &rng)
            groups.append(contentsOf: result.groups)
            remaining = result.leftovers
        }
        remaining = join(remaining, into: &groups, groupSize: groupSize, relaxed: true)

        return remaining.map { ($0, reason(for: $0, partition: partition)) }
    }

    /// `.noCompatiblePartner` when hard rules forbid `member` every other member of its
    /// partition, otherwise `.aloneAfterGrouping`.
    func reason(for member: Int, partition: [Int]) -> UnmatchedReason {
        let hasCompatible = partition.contains { other in
            other != member && scorer.ruleScore(member, other) != nil
        }
        return hasCompatible ? .aloneAfterGrouping : .noCompatiblePartner
    }

    /// Lets each member join the group of size `groupSize` where it adds the most;
    /// returns those that found none.
    private func join(_ members: [Int], into groups: inout [[Int]], groupSize: Int, relaxed: Bool) -> [Int] {
        var unplaced: [Int] = []
        for member in members {
            var best = -1
            var bestScore = Int.min
            for (index, group) in groups.enumerated() where group.count == groupSize {
                if let s = scorer.contribution(of: member, in: group, relaxed: relaxed), s > bestScore {
                    best = index
                    bestScore = s
                }
            }
            if best >= 0 {
                groups[best].append(member)
            } else {
                unplaced.append(member)
            }
        }
        return unplaced
    }
}

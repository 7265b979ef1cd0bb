/// Places the members a matcher left over, so that nobody stays alone when a group can
/// take them: groups are of size g or g + 1.
///
/// 1. Each leftover (priority members first) joins the best group of size g whose
///    members it may all meet without a recent repeat; failing that, leftovers form
///    a new group with members taken from groups of g + 1, or take the place of a
///    member who can move to another group of g (up to ``ejectionGroupLimit`` groups).
/// 2. If at least g remain, they are grouped among themselves with the repeat window
///    relaxed (the window is hard "unless impossible"; here it was impossible).
/// 3. The rest go through step 1 again with the window relaxed.
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

        var remaining = fit(ordered, into: &groups, groupSize: groupSize, relaxed: false)
        if remaining.count >= groupSize {
            let greedy = GreedyMatcher(scorer: scorer)
            let result = greedy.group(remaining, groupSize: groupSize, relaxed: true, rng: &rng)
            groups.append(contentsOf: result.groups)
            remaining = result.leftovers
        }
        remaining = fit(remaining, into: &groups, groupSize: groupSize, relaxed: true)

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

    /// Ejection (step 1's last resort) looks at pairs of groups, so it only runs when
    /// a partition has at most this many groups.
    static let ejectionGroupLimit = 500

    /// Step 1 (or 3 when `relaxed`): join, then form groups with members of g + 1
    /// groups, then eject; returns the members still without a group.
    private func fit(_ members: [Int], into groups: inout [[Int]], groupSize: Int, relaxed: Bool) -> [Int] {
        var remaining = join(members, into: &groups, groupSize: groupSize, relaxed: relaxed)
        remaining = formWithSurplus(remaining, into: &groups, groupSize: groupSize, relaxed: relaxed)
        if groups.count <= Self.ejectionGroupLimit {
            remaining = eject(remaining, into: &groups, groupSize: groupSize, relaxed: relaxed)
        }
        return remaining
    }

    /// Builds new groups of `groupSize` around leftovers, completing them with other
    /// leftovers and then with one member each from groups of `groupSize + 1`.
    private func formWithSurplus(_ members: [Int], into groups: inout [[Int]], groupSize: Int,
                                 relaxed: Bool) -> [Int] {
        var remaining = members
        var index = 0
        while index < remaining.count {
            var group = [remaining[index]]
            var used = [index]
            for other in remaining.indices where other > index && group.count < groupSize {
                if scorer.contribution(of: remaining[other], in: group, relaxed: relaxed) != nil {
                    group.append(remaining[other])
                    used.append(other)
                }
            }
            var taken: [(group: Int, member: Int)] = []
            for donor in groups.indices where group.count < groupSize && groups[donor].count == groupSize + 1 {
                if let member = groups[donor].first(where: {
                    scorer.contribution(of: $0, in: group, relaxed: relaxed) != nil
                }) {
                    group.append(member)
                    taken.append((donor, member))
                }
            }
            guard group.count == groupSize else {
                index += 1
                continue
            }
            for (donor, member) in taken {
                groups[donor].removeAll { $0 == member }
            }
            groups.append(group)
            for position in used.reversed() { remaining.remove(at: position) }
        }
        return remaining
    }

    /// Puts each member in place of a group member who can move to another group of
    /// `groupSize`; returns those for whom no such exchange exists.
    private func eject(_ members: [Int], into groups: inout [[Int]], groupSize: Int, relaxed: Bool) -> [Int] {
        var unplaced: [Int] = []
        search: for member in members {
            for target in groups.indices {
                for displaced in groups[target]
                where scorer.contribution(of: member, in: groups[target], excluding: displaced, relaxed: relaxed) != nil {
                    for host in groups.indices where host != target && groups[host].count == groupSize {
                        guard scorer.contribution(of: displaced, in: groups[host], relaxed: relaxed) != nil else {
                            continue
                        }
                        groups[target].removeAll { $0 == displaced }
                        groups[target].append(member)
                        groups[host].append(displaced)
                        continue search
                    }
                }
            }
            unplaced.append(member)
        }
        return unplaced
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

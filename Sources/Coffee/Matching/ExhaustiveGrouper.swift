/// An exhaustive search for tiny partitions, used as a safety net when the fast path
/// leaves a member unmatched or relaxes the repeat window: on up to ``memberLimit``
/// members it finds the grouping that places the most members (priority members
/// first), then has the fewest repeats inside the window, then the highest score.
///
/// The heuristics cannot guarantee "nobody left out and no repeat whenever possible"
/// when hard rules bite (a leftover may only fit a group the matching did not form);
/// on small populations, where such corners are likeliest, this search does.
struct ExhaustiveGrouper {
    let scorer: PairScorer

    /// The largest partition searched exhaustively.
    static let memberLimit = 10

    /// A grouping's rank: higher is better, compared lexicographically.
    struct Rank: Comparable {
        var placed: Int
        var priorityPlaced: Int
        var negativeRepeats: Int
        var score: Int

        static func < (x: Rank, y: Rank) -> Bool {
            (x.placed, x.priorityPlaced, x.negativeRepeats, x.score)
                < (y.placed, y.priorityPlaced, y.negativeRepeats, y.score)
        }
    }

    /// The rank of an existing grouping.
    func rank(of groups: [[Int]]) -> Rank {
        var rank = Rank(placed: 0, priorityPlaced: 0, negativeRepeats: 0, score: 0)
        for group in groups {
            rank.placed += group.count
            rank.priorityPlaced += group.filter { scorer.problem.isPriority[$0] }.count
            rank.score += scorer.groupScore(group) ?? 0
            for i in group.indices {
                for j in (i + 1)..<group.count where scorer.isRecentRepeat(group[i], group[j]) {
                    rank.negativeRepeats -= 1
                }
            }
        }
        return rank
    }

    /// The best grouping of `members` into groups of `groupSize` or `groupSize + 1`,
    /// with the members it leaves out.
    func best(_ members: [Int], groupSize: Int) -> (groups: [[Int]], leftovers: [Int], rank: Rank) {
        var assigned = Array(repeating: false, count: members.count)
        var current: [[Int]] = []
        var bestGroups: [[Int]] = []
        var bestRank = Rank(placed: -1, priorityPlaced: 0, negativeRepeats: 0, score: 0)
        var rank = Rank(placed: 0, priorityPlaced: 0, negativeRepeats: 0, score: 0)

        func search(_ remaining: Int) {
            guard let first = assigned.firstIndex(of: false) else {
                if bestRank < rank {
                    bestRank = rank
                    bestGroups = current
                }
                return
            }
            if rank.placed + remaining < bestRank.placed { return }
            assigned[first] = true
            // Option 1: `first` starts a group.
            var group = [first]
            func extend(from start: Int) {
                if group.count >= groupSize {
                    let saved = rank
                    let real = group.map { members[$0] }
                    rank.placed += group.count
                    rank.priorityPlaced += real.filter { scorer.problem.isPriority[$0] }.count
                    rank.score += scorer.groupScore(real) ?? 0
                    for i in real.indices {
                        for j in (i + 1)..<real.count where scorer.isRecentRepeat(real[i], real[j]) {
                            rank.negativeRepeats -= 1
                        }
                    }
                    current.append(real)
                    search(remaining - group.count)
                    current.removeLast()
                    rank = saved
                    if group.count == groupSize + 1 { return }
                }
                for next in start..<members.count where !assigned[next] {
                    let candidate = members[next]
                    guard group.allSatisfy({ scorer.ruleScore(members[$0], candidate) != nil }) else { continue }
                    assigned[next] = true
                    group.append(next)
                    extend(from: next + 1)
                    group.removeLast()
                    assigned[next] = false
                }
            }
            extend(from: first + 1)
            // Option 2: `first` is left out.
            search(remaining - 1)
            assigned[first] = false
        }
        search(members.count)
        let placed = Set(bestGroups.joined())
        return (bestGroups, members.filter { !placed.contains($0) }, bestRank)
    }
}

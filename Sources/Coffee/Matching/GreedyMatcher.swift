/// The randomized greedy grouping for large populations and for groups larger than
/// pairs.
///
/// Members are taken in order — priority members first, then the scarcest value of
/// the first `differentValue` rule first (so on a 90 %/10 % population every member of
/// the minority is placed while the majority is still available), then a seeded random
/// order. Each taken member starts a group, and each free place goes to the best of K
/// candidates sampled from the unassigned members (all of them when few are left),
/// scored against everyone already in the group (past meetings come from the
/// ``ContactIndex``, whose look-ups stay in cache).
/// A candidate whose value of the first `differentValue` rule would exceed its quota
/// in the group (``PairScorer/isOverQuota(_:in:joining:)``) comes after all others;
/// among equal scores the one from the largest remaining value wins. If no sampled
/// candidate is allowed, all unassigned members are scanned, so a repeat-free partner
/// is found whenever one is left.
struct GreedyMatcher {
    let scorer: PairScorer

    /// Groups `members` (participant indices) into groups of exactly `groupSize`;
    /// returns the groups and the members left over (fewer than a group, or members
    /// for whom no allowed partner remained). `relaxed` allows repeats inside the
    /// window at their penalty.
    func group(_ members: [Int], groupSize: Int, relaxed: Bool = false,
               rng: inout SeededGenerator) -> (groups: [[Int]], leftovers: [Int]) {
        let order = placementOrder(members, rng: &rng)
        // Each member's value for the first `differentValue` rule, and how many
        // unassigned members hold each value: among equally good candidates the one
        // from the largest remaining value wins, so the commonest value is spread
        // over the groups instead of piling up in the last ones.
        let primary = primaryValues(members)
        var remaining = Array(repeating: 0, count: (primary.max().map { Int($0) } ?? -1) + 2)
        for value in primary { remaining[Int(value) + 1] += 1 }
        // The pool of unassigned members, by local index, with each one's position.
        var pool = Array(0..<members.count)
        var position = Array(0..<members.count)
        func remove(_ local: Int) {
            remaining[Int(primary[local]) + 1] -= 1
            let at = position[local]
            let last = pool[pool.count - 1]
            pool[at] = last
            position[last] = at
            pool.removeLast()
            position[local] = -1
        }
        func insert(_ local: Int) {
            remaining[Int(primary[local]) + 1] += 1
            position[local] = pool.count
            pool.append(local)
        }

        let sampleCount = scorer.problem.configuration.candidateCount
        var groups: [[Int]] = []
        groups.reserveCapacity(members.count / groupSize + 1)
        var leftovers: [Int] = []
        var group: [Int] = []
        var groupLocal: [Int] = []
        for seed in order where position[seed] >= 0 {
            if pool.count < groupSize { break }
            remove(seed)
            group = [members[seed]]
            groupLocal = [seed]
            while group.count < groupSize {
                var best = -1
                var bestScore = Int.min
                var bestOverQuota = true
                func consider(_ local: Int) {
                    guard let s = scorer.contribution(of: members[local], in: group, relaxed: relaxed) else { return }
                    let over = scorer.isOverQuota(members[local], in: group, joining: true)
                    let better: Bool
                    if best < 0 || over != bestOverQuota {
                        better = best < 0 || !over
                    } else if s != bestScore {
                        better = s > bestScore
                    } else {
                        better = remaining[Int(primary[local]) + 1] > remaining[Int(primary[best]) + 1]
                    }
                    if better {
                        best = local
                        bestScore = s
                        bestOverQuota = over
                    }
                }
                if pool.count <= 2 * sampleCount {
                    for local in pool { consider(local) }
                } else {
                    for _ in 0..<sampleCount { consider(pool[rng.index(below: pool.count)]) }
                    if best < 0 {
                        for local in pool { consider(local) }
                    }
                }
                guard best >= 0 else { break }
                remove(best)
                group.append(members[best])
                groupLocal.append(best)
            }
            if group.count == groupSize {
                groups.append(group)
            } else {
                leftovers.append(group[0])
                for local in groupLocal.dropFirst() { insert(local) }
            }
        }
        // Whatever is still in the pool is left over; keep the placement order.
        for local in order where position[local] >= 0 {
            leftovers.append(members[local])
        }
        return (groups, leftovers)
    }

    /// Each member's first value for the first `differentValue` rule (-1 if none, or
    /// if there is no such rule).
    func primaryValues(_ members: [Int]) -> [Int32] {
        let primary = scorer.primaryValue
        return members.map { primary.isEmpty ? -1 : primary[$0] }
    }

    /// Local indices in placement order: priority first, then scarcest value of the
    /// first `differentValue` rule, then seeded random.
    func placementOrder(_ members: [Int], rng: inout SeededGenerator) -> [Int] {
        var shuffled = Array(0..<members.count)
        rng.shuffle(&shuffled)
        var scarcity = Array(repeating: members.count, count: members.count)
        let problem = scorer.problem
        if let table = problem.rules.lazy.compactMap({ rule -> Int? in
            if case let .differentValue(table, _) = rule { return table }
            return nil
        }).first {
            let values = problem.tables[table]
            var bucket: [Int32: Int] = [:]
            for member in members {
                for value in values.values(of: member) { bucket[value, default: 0] += 1 }
            }
            for (local, member) in members.enumerated() {
                var smallest = members.count
                for value in values.values(of: member) { smallest = min(smallest, bucket[value] ?? smallest) }
                scarcity[local] = smallest
            }
        }
        var rank = Array(repeating: 0, count: members.count)
        for (r, local) in shuffled.enumerated() { rank[local] = r }
        return shuffled.sorted { x, y in
            let px = problem.isPriority[members[x]], py = problem.isPriority[members[y]]
            if px != py { return px }
            if scarcity[x] != scarcity[y] { return scarcity[x] < scarcity[y] }
            return rank[x] < rank[y]
        }
    }
}

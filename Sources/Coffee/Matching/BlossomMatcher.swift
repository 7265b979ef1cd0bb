/// Edmonds' maximum-weight matching on a general graph, O(n³): the primal-dual blossom
/// method as described by Galil ("Efficient Algorithms for Finding Maximum Matching in
/// Graphs", ACM Computing Surveys, 1986), organised like Joris van Rantwijk's
/// reference implementation (edge endpoints, least-slack edge tracking per blossom).
///
/// Weights are integers and all arithmetic stays in integers (dual variables are kept
/// doubled), so the result is exactly optimal. With `maxCardinality` the matching has
/// the largest possible number of edges and, among those, the largest weight.
struct BlossomMatcher {
    /// One undirected edge.
    struct Edge: Sendable {
        var u: Int
        var v: Int
        var weight: Int
    }

    /// The matching: `mate[v]` is v's partner, or -1 when v is single.
    static func maximumWeightMatching(vertexCount: Int, edges: [Edge], maxCardinality: Bool) -> [Int] {
        guard vertexCount > 1, !edges.isEmpty else { return Array(repeating: -1, count: max(0, vertexCount)) }
        var state = BlossomState(vertexCount: vertexCount, edges: edges, maxCardinality: maxCardinality)
        state.solve()
        return (0..<vertexCount).map { v in state.mate[v] >= 0 ? state.endpoint[state.mate[v]] : -1 }
    }
}

extension BlossomMatcher {
    /// Pairs `members` (participant indices) with a maximum-cardinality,
    /// maximum-weight matching over the pairs the scorer allows (the repeat window is
    /// hard here). Edges touching a priority member weigh
    /// ``MatchingConfiguration/priorityBonus`` more, so with an odd count or forbidden
    /// pairs the members left over are not priority members when that can be avoided.
    ///
    /// Ties are broken by `rng` (issue 16: a seed that cannot vary the result makes every
    /// session of a stable population identical): each weight is scaled by
    /// `(pairs + 1) × spread` and gets a random amount below `spread`. A matching holds at
    /// most `pairs` edges, so the random amounts sum to less than one unit of the
    /// original weight: the matching stays optimal for the original weights, and among
    /// the optimal ones the seed chooses.
    static func pairs(_ members: [Int], scorer: PairScorer,
                      rng: inout SeededGenerator) -> (pairs: [[Int]], leftovers: [Int]) {
        let problem = scorer.problem
        let bonus = problem.configuration.priorityBonus
        var edges: [Edge] = []
        edges.reserveCapacity(members.count * (members.count - 1) / 2)
        var largest = 1
        for i in members.indices {
            for j in (i + 1)..<members.count {
                let a = members[i], b = members[j]
                guard let score = scorer.score(a, b) else { continue }
                var weight = score
                if problem.isPriority[a] { weight += bonus }
                if problem.isPriority[b] { weight += bonus }
                largest = max(largest, Int(min(weight.magnitude, UInt(Int.max / 2))))
                edges.append(Edge(u: i, v: j, weight: weight))
            }
        }
        let slots = members.count / 2 + 1
        // The blossom method doubles dual variables and sums weights along paths: keep
        // every scaled weight far below Int.max.
        let spread = max(1, min(tieBreakSpread, (Int.max >> 8) / slots / (largest + 1)))
        if spread > 1 {
            for index in edges.indices {
                edges[index].weight = edges[index].weight * slots * spread + rng.index(below: spread)
            }
        }
        let mate = maximumWeightMatching(vertexCount: members.count, edges: edges, maxCardinality: true)
        var pairs: [[Int]] = []
        var leftovers: [Int] = []
        for i in members.indices {
            if mate[i] < 0 {
                leftovers.append(members[i])
            } else if i < mate[i] {
                pairs.append([members[i], members[mate[i]]])
            }
        }
        return (pairs, leftovers)
    }

    /// The range of the random amount that breaks ties (see ``pairs(_:scorer:rng:)``).
    static let tieBreakSpread = 1 << 16
}

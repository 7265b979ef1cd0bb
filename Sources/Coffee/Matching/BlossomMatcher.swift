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
    static func pairs(_ members: [Int], scorer: PairScorer) -> (pairs: [[Int]], leftovers: [Int]) {
        let problem = scorer.problem
        let bonus = problem.configuration.priorityBonus
        var edges: [Edge] = []
        edges.reserveCapacity(members.count * (members.count - 1) / 2)
        for i in members.indices {
            for j in (i + 1)..<members.count {
                let a = members[i], b = members[j]
                guard let score = scorer.score(a, b) else { continue }
                var weight = score
                if problem.isPriority[a] { weight += bonus }
                if problem.isPriority[b] { weight += bonus }
                edges.append(Edge(u: i, v: j, weight: weight))
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
}

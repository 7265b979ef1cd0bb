import Testing
@testable import Coffee

@Suite("Blossom maximum-weight matching")
struct BlossomMatcherTests {
    typealias Edge = BlossomMatcher.Edge

    static func edges(_ list: [(Int, Int, Int)]) -> [Edge] {
        list.map { Edge(u: $0.0, v: $0.1, weight: $0.2) }
    }

    // Classic cases that exercise each blossom operation (S-blossoms, T-blossoms,
    // nesting, expansion), with their known optima.
    @Test("known graphs exercising every blossom operation", arguments: [
        ([(1, 2, 10), (2, 3, 11)], false, [-1, -1, 3, 2]),
        ([(1, 2, 5), (2, 3, 11), (3, 4, 5)], false, [-1, -1, 3, 2, -1]),
        ([(1, 2, 5), (2, 3, 11), (3, 4, 5)], true, [-1, 2, 1, 4, 3]),
        ([(1, 2, 2), (1, 3, -2), (2, 3, 1), (2, 4, -1), (3, 4, -6)], false, [-1, 2, 1, -1, -1]),
        ([(1, 2, 2), (1, 3, -2), (2, 3, 1), (2, 4, -1), (3, 4, -6)], true, [-1, 3, 4, 1, 2]),
        ([(1, 2, 8), (1, 3, 9), (2, 3, 10), (3, 4, 7)], false, [-1, 2, 1, 4, 3]),
        ([(1, 2, 9), (1, 3, 8), (2, 3, 10), (1, 4, 5), (4, 5, 4), (1, 6, 3)], false, [-1, 6, 3, 2, 5, 4, 1]),
        ([(1, 2, 9), (1, 3, 9), (2, 3, 10), (2, 4, 8), (3, 5, 8), (4, 5, 10), (5, 6, 6)], false, [-1, 3, 4, 1, 2, 6, 5]),
        ([(1, 2, 23), (1, 5, 22), (1, 6, 15), (2, 3, 25), (3, 4, 22), (4, 5, 25), (4, 8, 14), (5, 7, 13)], false,
         [-1, 6, 3, 2, 8, 7, 1, 5, 4]),
        ([(1, 2, 45), (1, 5, 45), (2, 3, 50), (3, 4, 45), (4, 5, 50), (1, 6, 30), (3, 9, 35), (4, 8, 35),
          (5, 7, 26), (9, 10, 5)], false, [-1, 6, 3, 2, 8, 7, 1, 5, 4, 10, 9]),
        ([(1, 2, 45), (1, 7, 45), (2, 3, 50), (3, 4, 45), (4, 5, 95), (4, 6, 94), (5, 6, 94), (6, 7, 50),
          (1, 8, 30), (3, 11, 35), (5, 9, 36), (7, 10, 26), (11, 12, 5)], false,
         [-1, 8, 3, 2, 6, 9, 4, 10, 1, 5, 7, 12, 11]),
        ([(1, 2, 40), (1, 3, 40), (2, 3, 60), (2, 4, 55), (3, 5, 55), (4, 5, 50), (1, 8, 15), (5, 7, 30),
          (7, 6, 10), (8, 10, 10), (4, 9, 30)], false, [-1, 2, 1, 5, 9, 3, 7, 6, 10, 4, 8]),
    ] as [([(Int, Int, Int)], Bool, [Int])])
    func knownGraphs(edges: [(Int, Int, Int)], maxCardinality: Bool, expected: [Int]) {
        let mate = BlossomMatcher.maximumWeightMatching(vertexCount: expected.count, edges: Self.edges(edges),
                                                        maxCardinality: maxCardinality)
        #expect(mate == expected)
    }

    @Test("equals brute force on random graphs of up to 10 vertices (400 seeds)")
    func bruteForce() {
        for seed in UInt64(0)..<400 {
            var rng = SeededGenerator(seed: seed)
            let count = 1 + rng.index(below: 10)
            let density = 30 + rng.index(below: 71)
            let range = rng.index(below: 2) == 0 ? 10 : 1_000
            let allowNegative = rng.index(below: 4) == 0
            var edges: [Edge] = []
            for u in 0..<count {
                for v in (u + 1)..<count where rng.index(below: 100) < density {
                    let weight = rng.index(below: range) - (allowNegative ? range / 3 : 0)
                    edges.append(Edge(u: u, v: v, weight: weight))
                }
            }
            for maxCardinality in [false, true] {
                let mate = BlossomMatcher.maximumWeightMatching(vertexCount: count, edges: edges,
                                                                maxCardinality: maxCardinality)
                var cardinality = 0, weight = 0, valid = true
                for v in 0..<count where mate[v] > v {
                    guard mate[mate[v]] == v,
                          let edge = edges.first(where: { ($0.u, $0.v) == (v, mate[v]) }) else { valid = false; continue }
                    cardinality += 1
                    weight += edge.weight
                }
                let best = MatchingOracle.bestMatching(count: count, edges: edges, maxCardinality: maxCardinality)
                #expect(valid, "seed \(seed)")
                if maxCardinality {
                    #expect(cardinality == best.0 && weight == best.1, "seed \(seed) maxCardinality")
                } else {
                    #expect(weight == best.1, "seed \(seed)")
                }
            }
        }
    }

    @Test("empty and single-vertex graphs leave everyone single")
    func trivialGraphs() {
        #expect(BlossomMatcher.maximumWeightMatching(vertexCount: 0, edges: [], maxCardinality: true) == [])
        #expect(BlossomMatcher.maximumWeightMatching(vertexCount: 1, edges: [], maxCardinality: true) == [-1])
        #expect(BlossomMatcher.maximumWeightMatching(vertexCount: 3, edges: [], maxCardinality: true) == [-1, -1, -1])
    }
}

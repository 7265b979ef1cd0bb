/// The working state of one run of ``BlossomMatcher``. Blossoms are numbered
/// `n..<2n`; vertices are trivial blossoms `0..<n`. Edge `k` has endpoints `2k`
/// (its `u`) and `2k + 1` (its `v`).
struct BlossomState {
    let n: Int
    let maxCardinality: Bool
    let edgeU: [Int], edgeV: [Int], edgeW: [Int]
    /// `endpoint[p]` is the vertex of endpoint `p`.
    let endpoint: [Int]
    /// Remote endpoints of the edges at each vertex, in CSR form.
    let neighbourStart: [Int], neighbourEnd: [Int]
    /// `mate[v]` is the remote endpoint of v's matched edge, or -1.
    var mate: [Int]
    /// 0 free, 1 S, 2 T (5 is a temporary breadcrumb in `scanBlossom`); -1 recycled.
    var label: [Int]
    var labelEnd: [Int]
    var inBlossom: [Int]
    var blossomParent: [Int]
    var blossomChildren: [[Int]]
    var blossomBase: [Int]
    var blossomEndpoints: [[Int]]
    var bestEdge: [Int]
    var blossomBestEdges: [[Int]?]
    var unusedBlossoms: [Int]
    /// Doubled vertex duals for `0..<n`, blossom duals for `n..<2n`.
    var dual: [Int]
    var allowEdge: [Bool]
    var queue: [Int] = []

    init(vertexCount: Int, edges: [BlossomMatcher.Edge], maxCardinality: Bool) {
        n = vertexCount
        self.maxCardinality = maxCardinality
        edgeU = edges.map(\.u)
        edgeV = edges.map(\.v)
        edgeW = edges.map(\.weight)
        var endpoint = Array(repeating: 0, count: 2 * edges.count)
        var degree = Array(repeating: 0, count: n + 1)
        for (k, edge) in edges.enumerated() {
            endpoint[2 * k] = edge.u
            endpoint[2 * k + 1] = edge.v
            degree[edge.u + 1] += 1
            degree[edge.v + 1] += 1
        }
        for v in 0..<n { degree[v + 1] += degree[v] }
        var fill = degree
        var neighbours = Array(repeating: 0, count: 2 * edges.count)
        for (k, edge) in edges.enumerated() {
            neighbours[fill[edge.u]] = 2 * k + 1
            fill[edge.u] += 1
            neighbours[fill[edge.v]] = 2 * k
            fill[edge.v] += 1
        }
        self.endpoint = endpoint
        neighbourStart = degree
        neighbourEnd = neighbours
        let maxWeight = max(0, edgeW.max() ?? 0)
        mate = Array(repeating: -1, count: n)
        label = Array(repeating: 0, count: 2 * n)
        labelEnd = Array(repeating: -1, count: 2 * n)
        inBlossom = Array(0..<n)
        blossomParent = Array(repeating: -1, count: 2 * n)
        blossomChildren = Array(repeating: [], count: 2 * n)
        blossomBase = Array(0..<n) + Array(repeating: -1, count: n)
        blossomEndpoints = Array(repeating: [], count: 2 * n)
        bestEdge = Array(repeating: -1, count: 2 * n)
        blossomBestEdges = Array(repeating: nil, count: 2 * n)
        unusedBlossoms = Array(n..<(2 * n))
        dual = Array(repeating: maxWeight, count: n) + Array(repeating: 0, count: n)
        allowEdge = Array(repeating: false, count: edges.count)
    }

    /// Twice the slack of edge `k` (not valid inside blossoms).
    @inline(__always)
    func slack(_ k: Int) -> Int { dual[edgeU[k]] + dual[edgeV[k]] - 2 * edgeW[k] }

    func leaves(_ b: Int) -> [Int] {
        var result: [Int] = []
        appendLeaves(b, to: &result)
        return result
    }

    func appendLeaves(_ b: Int, to result: inout [Int]) {
        if b < n {
            result.append(b)
        } else {
            for child in blossomChildren[b] { appendLeaves(child, to: &result) }
        }
    }

    /// Labels the top-level blossom of `w` with `t`, reached through remote endpoint `p`.
    mutating func assignLabel(_ w: Int, _ t: Int, _ p: Int) {
        let b = inBlossom[w]
        label[w] = t
        label[b] = t
        labelEnd[w] = p
        labelEnd[b] = p
        bestEdge[w] = -1
        bestEdge[b] = -1
        if t == 1 {
            appendLeaves(b, to: &queue)
        } else if t == 2 {
            let base = blossomBase[b]
            let m = mate[base]
            assignLabel(endpoint[m], 1, m ^ 1)
        }
    }

    /// Traces back from `v` and `w`; returns the base of a new blossom, or -1 when an
    /// augmenting path was found.
    mutating func scanBlossom(_ start: Int, _ other: Int) -> Int {
        var v = start, w = other
        var path: [Int] = []
        var base = -1
        while v != -1 || w != -1 {
            var b = inBlossom[v]
            if label[b] & 4 != 0 {
                base = blossomBase[b]
                break
            }
            path.append(b)
            label[b] = 5
            if labelEnd[b] == -1 {
                v = -1
            } else {
                v = endpoint[labelEnd[b]]
                b = inBlossom[v]
                v = endpoint[labelEnd[b]]
            }
            if w != -1 { swap(&v, &w) }
        }
        for b in path { label[b] = 1 }
        return base
    }

    /// Creates a blossom with `base` through edge `k` between two S-vertices.
    mutating func addBlossom(_ base: Int, _ k: Int) {
        var v = edgeU[k], w = edgeV[k]
        let bb = inBlossom[base]
        var bv = inBlossom[v], bw = inBlossom[w]
        guard let b = unusedBlossoms.popLast() else { return }
        blossomBase[b] = base
        blossomParent[b] = -1
        blossomParent[bb] = b
        var path: [Int] = []
        var endps: [Int] = []
        while bv != bb {
            blossomParent[bv] = b
            path.append(bv)
            endps.append(labelEnd[bv])
            v = endpoint[labelEnd[bv]]
            bv = inBlossom[v]
        }
        path.append(bb)
        path.reverse()
        endps.reverse()
        endps.append(2 * k)
        while bw != bb {
            blossomParent[bw] = b
            path.append(bw)
            endps.append(labelEnd[bw] ^ 1)
            w = endpoint[labelEnd[bw]]
            bw = inBlossom[w]
        }
        blossomChildren[b] = path
        blossomEndpoints[b] = endps
        label[b] = 1
        labelEnd[b] = labelEnd[bb]
        dual[b] = 0
        for leaf in leaves(b) {
            if label[inBlossom[leaf]] == 2 { queue.append(leaf) }
            inBlossom[leaf] = b
        }
        var bestTo = Array(repeating: -1, count: 2 * n)
        for sub in path {
            let lists: [[Int]]
            if let own = blossomBestEdges[sub] {
                lists = [own]
            } else {
                lists = leaves(sub).map { leaf in
                    (neighbourStart[leaf]..<neighbourStart[leaf + 1]).map { neighbourEnd[$0] / 2 }
                }
            }
            for list in lists {
                for edge in list {
                    var j = edgeV[edge]
                    if inBlossom[j] == b { j = edgeU[edge] }
                    let bj = inBlossom[j]
                    if bj != b, label[bj] == 1, bestTo[bj] == -1 || slack(edge) < slack(bestTo[bj]) {
                        bestTo[bj] = edge
                    }
                }
            }
            blossomBestEdges[sub] = nil
            bestEdge[sub] = -1
        }
        let best = bestTo.filter { $0 != -1 }
        blossomBestEdges[b] = best
        bestEdge[b] = -1
        for edge in best where bestEdge[b] == -1 || slack(edge) < slack(bestEdge[b]) {
            bestEdge[b] = edge
        }
    }

    /// Expands top-level blossom `b`; during a stage, relabels its sub-blossoms.
    mutating func expandBlossom(_ b: Int, endStage: Bool) {
        for sub in blossomChildren[b] {
            blossomParent[sub] = -1
            if sub < n {
                inBlossom[sub] = sub
            } else if endStage, dual[sub] == 0 {
                expandBlossom(sub, endStage: endStage)
            } else {
                for leaf in leaves(sub) { inBlossom[leaf] = sub }
            }
        }
        if !endStage, label[b] == 2 {
            let children = blossomChildren[b]
            let endps = blossomEndpoints[b]
            let count = children.count
            @inline(__always) func wrap(_ i: Int) -> Int { ((i % count) + count) % count }
            let entryChild = inBlossom[endpoint[labelEnd[b] ^ 1]]
            var j = children.firstIndex(of: entryChild) ?? 0
            let step: Int, trick: Int
            if j & 1 != 0 {
                j -= count
                step = 1
                trick = 0
            } else {
                step = -1
                trick = 1
            }
            var p = labelEnd[b]
            while j != 0 {
                label[endpoint[p ^ 1]] = 0
                label[endpoint[endps[wrap(j - trick)] ^ trick ^ 1]] = 0
                assignLabel(endpoint[p ^ 1], 2, p)
                allowEdge[endps[wrap(j - trick)] / 2] = true
                j += step
                p = endps[wrap(j - trick)] ^ trick
                allowEdge[p / 2] = true
                j += step
            }
            let bv = children[wrap(j)]
            label[endpoint[p ^ 1]] = 2
            label[bv] = 2
            labelEnd[endpoint[p ^ 1]] = p
            labelEnd[bv] = p
            bestEdge[bv] = -1
            j += step
            while children[wrap(j)] != entryChild {
                let sub = children[wrap(j)]
                if label[sub] == 1 {
                    j += step
                    continue
                }
                var reached = -1
                for leaf in leaves(sub) where label[leaf] != 0 {
                    reached = leaf
                    break
                }
                if reached >= 0 {
                    label[reached] = 0
                    label[endpoint[mate[blossomBase[sub]]]] = 0
                    assignLabel(reached, 2, labelEnd[reached])
                }
                j += step
            }
        }
        label[b] = -1
        labelEnd[b] = -1
        blossomChildren[b] = []
        blossomEndpoints[b] = []
        blossomBase[b] = -1
        blossomBestEdges[b] = nil
        bestEdge[b] = -1
        unusedBlossoms.append(b)
    }
}

extension BlossomState {
    /// Runs stages until no augmenting path is left. Each stage labels the single
    /// vertices S, grows alternating trees over tight edges, and when stuck moves the
    /// duals by the smallest of the four deltas (Galil §4).
    mutating func solve() {
        for _ in 0..<n {
            for i in label.indices { label[i] = 0 }
            for i in bestEdge.indices { bestEdge[i] = -1 }
            for b in n..<(2 * n) { blossomBestEdges[b] = nil }
            for k in allowEdge.indices { allowEdge[k] = false }
            queue.removeAll(keepingCapacity: true)
            for v in 0..<n where mate[v] == -1 && label[inBlossom[v]] == 0 {
                assignLabel(v, 1, -1)
            }
            var augmented = false
            while true {
                augmented = scanQueue()
                if augmented { break }
                guard adjustDuals() else { break }
            }
            if !augmented { break }
            for b in n..<(2 * n) where blossomParent[b] == -1 && blossomBase[b] >= 0
                && label[b] == 1 && dual[b] == 0 {
                expandBlossom(b, endStage: true)
            }
        }
    }

    /// Scans S-vertices from the queue over allowable edges; returns true after an
    /// augmentation.
    private mutating func scanQueue() -> Bool {
        while let v = queue.popLast() {
            for index in neighbourStart[v]..<neighbourStart[v + 1] {
                let p = neighbourEnd[index]
                let k = p / 2
                let w = endpoint[p]
                if inBlossom[v] == inBlossom[w] { continue }
                var kSlack = 0
                if !allowEdge[k] {
                    kSlack = slack(k)
                    if kSlack <= 0 { allowEdge[k] = true }
                }
                if allowEdge[k] {
                    if label[inBlossom[w]] == 0 {
                        assignLabel(w, 2, p ^ 1)
                    } else if label[inBlossom[w]] == 1 {
                        let base = scanBlossom(v, w)
                        if base >= 0 {
                            addBlossom(base, k)
                        } else {
                            augmentMatching(k)
                            return true
                        }
                    } else if label[w] == 0 {
                        label[w] = 2
                        labelEnd[w] = p ^ 1
                    }
                } else if label[inBlossom[w]] == 1 {
                    let b = inBlossom[v]
                    if bestEdge[b] == -1 || kSlack < slack(bestEdge[b]) { bestEdge[b] = k }
                } else if label[w] == 0 {
                    if bestEdge[w] == -1 || kSlack < slack(bestEdge[w]) { bestEdge[w] = k }
                }
            }
        }
        return false
    }

    /// Computes delta, updates the duals and acts on the edge or blossom that set it.
    /// Returns false when the optimum is reached.
    private mutating func adjustDuals() -> Bool {
        var deltaType = -1
        var delta = 0
        var deltaEdge = -1
        var deltaBlossom = -1
        if !maxCardinality {
            deltaType = 1
            delta = dual[0..<n].min() ?? 0
        }
        for v in 0..<n where label[inBlossom[v]] == 0 && bestEdge[v] != -1 {
            let d = slack(bestEdge[v])
            if deltaType == -1 || d < delta {
                delta = d
                deltaType = 2
                deltaEdge = bestEdge[v]
            }
        }
        for b in 0..<(2 * n) where blossomParent[b] == -1 && label[b] == 1 && bestEdge[b] != -1 {
            let d = slack(bestEdge[b]) / 2
            if deltaType == -1 || d < delta {
                delta = d
                deltaType = 3
                deltaEdge = bestEdge[b]
            }
        }
        for b in n..<(2 * n) where blossomBase[b] >= 0 && blossomParent[b] == -1 && label[b] == 2
            && (deltaType == -1 || dual[b] < delta) {
            delta = dual[b]
            deltaType = 4
            deltaBlossom = b
        }
        if deltaType == -1 {
            // Max-cardinality optimum: a last update keeps the duals verifiable.
            deltaType = 1
            delta = max(0, dual[0..<n].min() ?? 0)
        }
        for v in 0..<n {
            switch label[inBlossom[v]] {
            case 1: dual[v] -= delta
            case 2: dual[v] += delta
            default: break
            }
        }
        for b in n..<(2 * n) where blossomBase[b] >= 0 && blossomParent[b] == -1 {
            if label[b] == 1 {
                dual[b] += delta
            } else if label[b] == 2 {
                dual[b] -= delta
            }
        }
        switch deltaType {
        case 2:
            allowEdge[deltaEdge] = true
            var i = edgeU[deltaEdge]
            if label[inBlossom[i]] == 0 { i = edgeV[deltaEdge] }
            queue.append(i)
        case 3:
            allowEdge[deltaEdge] = true
            queue.append(edgeU[deltaEdge])
        case 4:
            expandBlossom(deltaBlossom, endStage: false)
        default:
            return false
        }
        return true
    }
}

extension BlossomState {
    /// Swaps matched and unmatched edges along the path inside blossom `b` from vertex
    /// `v` to the base, making `v` the new base.
    mutating func augmentBlossom(_ b: Int, _ v: Int) {
        var t = v
        while blossomParent[t] != b { t = blossomParent[t] }
        if t >= n { augmentBlossom(t, v) }
        let count = blossomChildren[b].count
        @inline(__always) func wrap(_ i: Int) -> Int { ((i % count) + count) % count }
        let i = blossomChildren[b].firstIndex(of: t) ?? 0
        var j = i
        let step: Int, trick: Int
        if i & 1 != 0 {
            j -= count
            step = 1
            trick = 0
        } else {
            step = -1
            trick = 1
        }
        while j != 0 {
            j += step
            var child = blossomChildren[b][wrap(j)]
            let p = blossomEndpoints[b][wrap(j - trick)] ^ trick
            if child >= n { augmentBlossom(child, endpoint[p]) }
            j += step
            child = blossomChildren[b][wrap(j)]
            if child >= n { augmentBlossom(child, endpoint[p ^ 1]) }
            mate[endpoint[p]] = p ^ 1
            mate[endpoint[p ^ 1]] = p
        }
        blossomChildren[b] = Array(blossomChildren[b][i...] + blossomChildren[b][..<i])
        blossomEndpoints[b] = Array(blossomEndpoints[b][i...] + blossomEndpoints[b][..<i])
        blossomBase[b] = blossomBase[blossomChildren[b][0]]
    }

    /// Augments the matching along the path through edge `k` between two S-vertices.
    mutating func augmentMatching(_ k: Int) {
        for (start, remote) in [(edgeU[k], 2 * k + 1), (edgeV[k], 2 * k)] {
            var s = start
            var p = remote
            while true {
                let bs = inBlossom[s]
                if bs >= n { augmentBlossom(bs, s) }
                mate[s] = p
                if labelEnd[bs] == -1 { break }
                let t = endpoint[labelEnd[bs]]
                let bt = inBlossom[t]
                s = endpoint[labelEnd[bt]]
                let j = endpoint[labelEnd[bt] ^ 1]
                if bt >= n { augmentBlossom(bt, j) }
                mate[j] = labelEnd[bt]
                p = labelEnd[bt] ^ 1
            }
        }
    }
}

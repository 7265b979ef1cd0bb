@testable import Coffee

/// Independent checks of the engine's output, written from the rules' definitions
/// rather than from the engine's code, and brute-force optima for small populations.
enum MatchingOracle {
    /// Whether the hard rules (avoid lists, `denyPair`, `sameValue`) allow `a` and `b`
    /// in the same group.
    static func hardRulesAllow(_ a: Participant, _ b: Participant, rules: [MatchingRule]) -> Bool {
        if a.avoid.contains(b.id) || b.avoid.contains(a.id) { return false }
        for rule in rules {
            switch rule {
            case let .sameValue(category, fallback):
                let va = Set(a.categoryValues[category] ?? []), vb = Set(b.categoryValues[category] ?? [])
                if !va.isEmpty, !vb.isEmpty {
                    if va.isDisjoint(with: vb) { return false }
                } else {
                    switch fallback {
                    case .withAnyone: break
                    case .amongThemselves: if !(va.isEmpty && vb.isEmpty) { return false }
                    case .leaveUnmatched: return false
                    }
                }
            case let .denyPair(categoryA, valueA, categoryB, valueB):
                func has(_ p: Participant, _ c: String, _ v: String) -> Bool { p.categoryValues[c]?.contains(v) ?? false }
                if (has(a, categoryA, valueA) && has(b, categoryB, valueB))
                    || (has(b, categoryA, valueA) && has(a, categoryB, valueB)) { return false }
            case let .notWithManager(includingPeers):
                if a.managerID == b.id || b.managerID == a.id { return false }
                if includingPeers, let manager = a.managerID, manager == b.managerID { return false }
            case let .sameTimeZone(hours), let .differentTimeZone(hours, _):
                if let x = a.utcOffsetMinutes, let y = b.utcOffsetMinutes, abs(x - y) > hours * 60 { return false }
            case .differentValue, .allowPair:
                break
            }
        }
        return true
    }

    /// Whether some grouping of everyone into groups of g or g + 1 keeps every hard
    /// rule and has no repeat inside the window. Exponential: small populations only.
    static func repeatFreeGroupingExists(_ input: MatchingInput) -> Bool {
        let people = input.participants
        let g = input.configuration.groupSize
        let window = input.configuration.repeatWindow
        func allowed(_ i: Int, _ j: Int) -> Bool {
            guard hardRulesAllow(people[i], people[j], rules: input.configuration.rules) else { return false }
            if let age = input.history.sessionsAgo(people[i].id, people[j].id), age <= window { return false }
            return true
        }
        var used = Array(repeating: false, count: people.count)
        func search() -> Bool {
            guard let first = used.firstIndex(of: false) else { return true }
            used[first] = true
            defer { used[first] = false }
            var group = [first]
            func extend(from start: Int) -> Bool {
                if group.count == g || group.count == g + 1 {
                    if search() { return true }
                    if group.count == g + 1 { return false }
                }
                for next in start..<people.count where !used[next] && group.allSatisfy({ allowed($0, next) }) {
                    used[next] = true
                    group.append(next)
                    let found = extend(from: next + 1)
                    group.removeLast()
                    used[next] = false
                    if found { return true }
                }
                return false
            }
            return extend(from: first + 1)
        }
        return people.count >= g && search()
    }

    /// The best total of `weight` over perfect matchings of `0..<count`
    /// (`nil` weight = no edge), or `nil` if none exists.
    static func bestPerfectMatching(count: Int, weight: (Int, Int) -> Int?) -> Int? {
        var used = Array(repeating: false, count: count)
        func search() -> Int? {
            guard let first = used.firstIndex(of: false) else { return 0 }
            used[first] = true
            defer { used[first] = false }
            var best: Int?
            for other in (first + 1)..<count where !used[other] {
                guard let w = weight(first, other) else { continue }
                used[other] = true
                if let rest = search() { best = max(best ?? Int.min, w + rest) }
                used[other] = false
            }
            return best
        }
        return count % 2 == 0 ? search() : nil
    }

    /// The best (cardinality, weight) over all matchings of `0..<count`, cardinality
    /// first when `maxCardinality`.
    static func bestMatching(count: Int, edges: [BlossomMatcher.Edge], maxCardinality: Bool) -> (Int, Int) {
        var weight = [[Int?]](repeating: Array(repeating: nil, count: count), count: count)
        for edge in edges {
            weight[edge.u][edge.v] = edge.weight
            weight[edge.v][edge.u] = edge.weight
        }
        var used = Array(repeating: false, count: count)
        func better(_ x: (Int, Int), _ y: (Int, Int)) -> Bool {
            maxCardinality ? (x.0, x.1) > (y.0, y.1) : x.1 > y.1
        }
        func search(_ from: Int) -> (Int, Int) {
            var v = from
            while v < count, used[v] { v += 1 }
            guard v < count else { return (0, 0) }
            used[v] = true
            defer { used[v] = false }
            var best = search(v + 1)
            for other in (v + 1)..<count where !used[other] {
                guard let w = weight[v][other] else { continue }
                used[other] = true
                let rest = search(v + 1)
                used[other] = false
                let candidate = (rest.0 + 1, rest.1 + w)
                if better(candidate, best) { best = candidate }
            }
            return best
        }
        return search(0)
    }
}

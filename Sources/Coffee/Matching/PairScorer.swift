/// The score of putting two participants in the same group: the edge weight of the
/// matching graph. A group's score is the sum over its pairs.
///
/// - Hard rules (avoid lists, `denyPair`, `sameValue`) make a pair forbidden (`nil`).
/// - A meeting within the last N sessions is forbidden too, unless `relaxed`, where
///   it costs ``MatchingConfiguration/relaxedRepeatPenalty`` instead; older meetings
///   cost ``MatchingConfiguration/olderRepeatPenalty`` with a decay per session.
/// - Soft rules add their weighted bonus when satisfied.
struct PairScorer: Sendable {
    let problem: MatchingProblem
    private let window: Int
    private let relaxedPenalty: Int
    /// Penalty by `age - window - 1` for meetings outside the window.
    private let olderPenalty: [Int]
    /// The table of the first `differentValue` rule, or -1.
    let primaryTable: Int
    /// Each participant's first value for that rule (-1 when none).
    let primaryValue: [Int32]
    /// How many members of each value a group should hold at most for the values to
    /// spread evenly: ⌈members with the value / number of groups⌉. Two minority
    /// members in one group cost the population cross pairs elsewhere, which the
    /// pair scores alone do not see.
    let quota: [Int]

    init(problem: MatchingProblem) {
        self.problem = problem
        let configuration = problem.configuration
        window = configuration.repeatWindow
        relaxedPenalty = configuration.relaxedRepeatPenalty
        var penalties: [Int] = []
        var factor = 1.0
        for _ in 0..<64 {
            let penalty = Int((Double(configuration.olderRepeatPenalty) * factor).rounded())
            penalties.append(penalty)
            factor *= configuration.repeatDecay
        }
        olderPenalty = penalties
        var table = -1
        for rule in problem.rules {
            if case let .differentValue(index, _) = rule {
                table = index
                break
            }
        }
        primaryTable = table
        if table >= 0 {
            let values = problem.tables[table]
            let primary = (0..<problem.count).map { values.first($0) }
            var counts = Array(repeating: 0, count: values.names.count)
            for value in primary where value >= 0 { counts[Int(value)] += 1 }
            let groups = max(1, problem.count / configuration.groupSize)
            primaryValue = primary
            quota = counts.map { ($0 + groups - 1) / groups }
        } else {
            primaryValue = []
            quota = []
        }
    }

    /// Whether `member` in `group` (which holds it, or which it would join when
    /// `joining`) makes its primary value exceed its quota.
    @inline(__always)
    func isOverQuota(_ member: Int, in group: [Int], joining: Bool = false) -> Bool {
        guard primaryTable >= 0 else { return false }
        let value = primaryValue[member]
        guard value >= 0 else { return false }
        var count = joining ? 1 : 0
        for other in group where primaryValue[other] == value { count += 1 }
        return count > quota[Int(value)]
    }

    /// The pair's score, or `nil` when a hard rule (or, unless `relaxed`, the repeat
    /// window) forbids it.
    @inline(__always)
    func score(_ a: Int, _ b: Int, relaxed: Bool = false) -> Int? {
        guard var total = ruleScore(a, b) else { return nil }
        if let age = problem.history.value(a, b) {
            let age = Int(age)
            if age <= window {
                guard relaxed else { return nil }
                total -= relaxedPenalty
            } else {
                let step = age - window - 1
                total -= step < olderPenalty.count ? olderPenalty[step] : 0
            }
        }
        return total
    }

    /// The rules' part of the score (soft bonuses), or `nil` when a hard rule forbids
    /// the pair. History is not considered.
    @inline(__always)
    func ruleScore(_ a: Int, _ b: Int) -> Int? {
        if problem.avoid.count > 0, problem.avoid.contains(a, b) { return nil }
        var total = 0
        for rule in problem.rules {
            switch rule {
            case let .differentValue(table, weight):
                let values = problem.tables[table]
                if !values.isEmpty(a), !values.isEmpty(b), !values.intersects(a, b) {
                    total += weight
                }
            case let .sameValue(table, fallback):
                guard sameValueAllows(problem.tables[table], fallback, a, b) else { return nil }
            case let .denyPair(tableA, valueA, tableB, valueB):
                if matchesValuePair(tableA, valueA, tableB, valueB, a, b) { return nil }
            case let .allowPair(tableA, valueA, tableB, valueB, bonus):
                if matchesValuePair(tableA, valueA, tableB, valueB, a, b) { total += bonus }
            case let .notWithManager(includingPeers):
                if problem.managerLinks(a, b, includingPeers: includingPeers) { return nil }
            case let .timeZone(tolerance, weight):
                guard let distance = problem.offsetDistance(a, b) else { continue }
                if distance > tolerance { return nil }
                if let weight, distance > 0 { total += weight }
            }
        }
        return total
    }

    /// Whether the pair is in the repeat window (they met within the last N sessions).
    @inline(__always)
    func isRecentRepeat(_ a: Int, _ b: Int) -> Bool {
        guard let age = problem.history.value(a, b) else { return false }
        return Int(age) <= window
    }

    /// Whether some pair of `group` met inside the window.
    func hasRecentRepeat(_ group: [Int]) -> Bool {
        for i in group.indices {
            for j in (i + 1)..<group.count where isRecentRepeat(group[i], group[j]) { return true }
        }
        return false
    }

    /// Whether the pair leaves room for improvement: a repeat of any age, or a
    /// `differentValue` rule other than the first that it breaks (the first one is
    /// judged by ``isOverQuota(_:in:joining:)``). The repair looks at such pairs.
    func isDefective(_ a: Int, _ b: Int) -> Bool {
        if problem.history.contains(a, b) { return true }
        for rule in problem.rules {
            if case let .differentValue(table, _) = rule, table != primaryTable {
                let values = problem.tables[table]
                if !values.isEmpty(a), !values.isEmpty(b), values.intersects(a, b) { return true }
            }
        }
        return false
    }

    /// Whether the pair satisfies rule `index`, or `nil` when the rule does not apply
    /// to it (a member without a value for `differentValue`; `allowPair` values absent).
    func satisfies(rule index: Int, _ a: Int, _ b: Int) -> Bool? {
        switch problem.rules[index] {
        case let .differentValue(table, _):
            let values = problem.tables[table]
            if values.isEmpty(a) || values.isEmpty(b) { return nil }
            return !values.intersects(a, b)
        case let .sameValue(table, fallback):
            return sameValueAllows(problem.tables[table], fallback, a, b)
        case let .denyPair(tableA, valueA, tableB, valueB):
            return !matchesValuePair(tableA, valueA, tableB, valueB, a, b)
        case let .allowPair(tableA, valueA, tableB, valueB, _):
            return matchesValuePair(tableA, valueA, tableB, valueB, a, b) ? true : nil
        case let .notWithManager(includingPeers):
            return !problem.managerLinks(a, b, includingPeers: includingPeers)
        case let .timeZone(tolerance, weight):
            guard let distance = problem.offsetDistance(a, b) else { return nil }
            return weight == nil ? distance <= tolerance : distance > 0 && distance <= tolerance
        }
    }

    /// The sum of `x`'s scores with every member of `group` except `excluding`, or
    /// `nil` when one of those pairs is forbidden.
    @inline(__always)
    func contribution(of x: Int, in group: [Int], excluding: Int = -1, relaxed: Bool) -> Int? {
        var total = 0
        for member in group where member != x && member != excluding {
            guard let s = score(x, member, relaxed: relaxed) else { return nil }
            total += s
        }
        return total
    }

    /// The group's score (relaxed: in-window repeats count their penalty), or `nil`
    /// when a hard rule forbids one of its pairs.
    func groupScore(_ group: [Int]) -> Int? {
        var total = 0
        for i in group.indices {
            for j in (i + 1)..<group.count {
                guard let s = score(group[i], group[j], relaxed: true) else { return nil }
                total += s
            }
        }
        return total
    }

    @inline(__always)
    private func sameValueAllows(_ values: CategoryValueTable, _ fallback: SameValueFallback,
                                 _ a: Int, _ b: Int) -> Bool {
        let emptyA = values.isEmpty(a), emptyB = values.isEmpty(b)
        if !emptyA, !emptyB { return values.intersects(a, b) }
        switch fallback {
        case .withAnyone: return true
        case .amongThemselves: return emptyA && emptyB
        case .leaveUnmatched: return false
        }
    }

    @inline(__always)
    private func matchesValuePair(_ tableA: Int, _ valueA: Int32, _ tableB: Int, _ valueB: Int32,
                                  _ a: Int, _ b: Int) -> Bool {
        guard valueA >= 0, valueB >= 0 else { return false }
        let ta = problem.tables[tableA], tb = problem.tables[tableB]
        return (ta.has(a, valueA) && tb.has(b, valueB)) || (ta.has(b, valueA) && tb.has(a, valueB))
    }
}

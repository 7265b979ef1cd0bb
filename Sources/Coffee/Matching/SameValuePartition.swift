/// Splits participants by their `sameValue` rules: each partition holds members who
/// share a value for every such rule, and the matchers work inside one partition.
///
/// A member's partition uses its first (smallest) value of a multi-select category;
/// the scorer still accepts any common value. Members without a value follow the
/// rule's fallback: `amongThemselves` forms a partition of its own, `leaveUnmatched`
/// reports them, and `withAnyone` puts each of them where it helps most — into a
/// partition smaller than a group first, otherwise the largest compatible one.
struct SameValuePartition {
    /// The partitions, in order of first appearance in the input.
    var partitions: [[Int]] = []
    /// Members a fallback leaves unmatched.
    var unmatched: [(Int, UnmatchedReason)] = []

    init(problem: MatchingProblem) {
        var sameValueRules: [(table: Int, fallback: SameValueFallback)] = []
        for rule in problem.rules {
            if case let .sameValue(table, fallback) = rule { sameValueRules.append((table, fallback)) }
        }
        guard !sameValueRules.isEmpty else {
            partitions = problem.count > 0 ? [Array(0..<problem.count)] : []
            return
        }
        let wildcard: Int32 = -2
        var keys: [[Int32]] = []
        var indexOfKey: [[Int32]: Int] = [:]
        var flexible: [(member: Int, key: [Int32])] = []
        members: for member in 0..<problem.count {
            var key: [Int32] = []
            for (table, fallback) in sameValueRules {
                let values = problem.tables[table]
                if !values.isEmpty(member) {
                    key.append(values.first(member))
                    continue
                }
                switch fallback {
                case .amongThemselves: key.append(-1)
                case .withAnyone: key.append(wildcard)
                case .leaveUnmatched:
                    unmatched.append((member, .noValueForSameValueRule(category: values.category)))
                    continue members
                }
            }
            if key.contains(wildcard) {
                flexible.append((member, key))
                continue
            }
            if let index = indexOfKey[key] {
                partitions[index].append(member)
            } else {
                indexOfKey[key] = partitions.count
                keys.append(key)
                partitions.append([member])
            }
        }
        let groupSize = problem.configuration.groupSize
        var flexibleLeft: [Int: [Int]] = [:]
        var flexibleKeys: [[Int32]] = []
        for (member, key) in flexible {
            let compatible = keys.indices.filter { index in
                zip(keys[index], key).allSatisfy { $0 == $1 || $1 == wildcard }
            }
            let small = compatible.filter { partitions[$0].count < groupSize }
            let target = small.min { partitions[$0].count < partitions[$1].count }
                ?? compatible.max { partitions[$0].count < partitions[$1].count }
            if let target {
                partitions[target].append(member)
            } else if let index = flexibleKeys.firstIndex(of: key) {
                flexibleLeft[index, default: []].append(member)
            } else {
                flexibleLeft[flexibleKeys.count] = [member]
                flexibleKeys.append(key)
            }
        }
        for index in flexibleKeys.indices {
            partitions.append(flexibleLeft[index] ?? [])
        }
    }
}

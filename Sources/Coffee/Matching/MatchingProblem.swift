/// A rule translated to participant and value indices, with its priority multiplier
/// already applied to its weight.
enum CompiledRule: Sendable {
    case differentValue(table: Int, weight: Int)
    case sameValue(table: Int, fallback: SameValueFallback)
    case denyPair(tableA: Int, valueA: Int32, tableB: Int, valueB: Int32)
    case allowPair(tableA: Int, valueA: Int32, tableB: Int, valueB: Int32, bonus: Int)
    case notWithManager(includingPeers: Bool)
    /// `weight` is nil for `sameTimeZone`: tolerance only.
    case timeZone(toleranceMinutes: Int, weight: Int?)
}

/// The engine's indexed view of a ``MatchingInput``: participants become indices
/// `0..<count`, category values small integers, avoid lists and history hash tables
/// of index pairs.
struct MatchingProblem: Sendable {
    let ids: [ParticipantID]
    let configuration: MatchingConfiguration
    let isPriority: [Bool]
    let tables: [CategoryValueTable]
    let rules: [CompiledRule]
    /// Pairs that may never meet (avoid lists, both directions).
    let avoid: PairTable
    /// Age in sessions (1 = most recent) of each pair's last meeting.
    let history: ContactIndex
    /// Each participant's manager as a participant index, or -1 (not taking part, none).
    let managerIndex: [Int32]
    /// Each participant's manager as a small integer shared by its direct reports, or -1.
    let managerKey: [Int32]
    /// Each participant's UTC offset in minutes, or `Int32.min` when unknown.
    let utcOffset: [Int32]

    /// Whether ``ids`` ascend strictly (a session's selection sorted by id): then index
    /// order is id order.
    let idsAscending: Bool

    var count: Int { ids.count }

    /// Builds the indexed problem from deduplicated participants.
    /// `idsAscending` when the caller checked it already, `nil` to check here.
    init(participants: [Participant], configuration: MatchingConfiguration,
         history: MatchHistory, priority: Set<ParticipantID>, idsAscending: Bool? = nil) {
        let ids = participants.map(\.id)
        self.ids = ids
        self.idsAscending = idsAscending ?? ids.indices.dropFirst().allSatisfy { ids[$0 - 1] < ids[$0] }
        self.configuration = configuration
        isPriority = priority.isEmpty ? Array(repeating: false, count: participants.count)
            : participants.map { priority.contains($0.id) }
        var indexOf: [ParticipantID: Int] = [:]
        indexOf.reserveCapacity(participants.count)
        // By index, without copying each participant out of the array (issue 16).
        for index in participants.indices {
            indexOf[ids[index]] = index
        }

        var tables: [CategoryValueTable] = []
        var tableIndex: [String: Int] = [:]
        func table(_ category: String) -> Int {
            if let index = tableIndex[category] { return index }
            tables.append(CategoryValueTable(category: category, participants: participants))
            tableIndex[category] = tables.count - 1
            return tables.count - 1
        }
        var rules: [CompiledRule] = []
        let ruleCount = configuration.rules.count
        for (position, rule) in configuration.rules.enumerated() {
            let multiplier = ruleCount - position
            switch rule {
            case let .differentValue(category, weight):
                rules.append(.differentValue(table: table(category), weight: weight * multiplier))
            case let .sameValue(category, fallback):
                rules.append(.sameValue(table: table(category), fallback: fallback))
            case let .denyPair(categoryA, valueA, categoryB, valueB):
                let a = table(categoryA), b = table(categoryB)
                rules.append(.denyPair(tableA: a, valueA: tables[a].index(of: valueA) ?? -1,
                                       tableB: b, valueB: tables[b].index(of: valueB) ?? -1))
            case let .allowPair(categoryA, valueA, categoryB, valueB, bonus):
                let a = table(categoryA), b = table(categoryB)
                rules.append(.allowPair(tableA: a, valueA: tables[a].index(of: valueA) ?? -1,
                                        tableB: b, valueB: tables[b].index(of: valueB) ?? -1,
                                        bonus: bonus * multiplier))
            case let .notWithManager(includingPeers):
                rules.append(.notWithManager(includingPeers: includingPeers))
            case let .sameTimeZone(toleranceHours):
                rules.append(.timeZone(toleranceMinutes: toleranceHours * 60, weight: nil))
            case let .differentTimeZone(toleranceHours, weight):
                rules.append(.timeZone(toleranceMinutes: toleranceHours * 60, weight: weight * multiplier))
            }
        }
        self.tables = tables
        self.rules = rules

        var avoid = PairTable(expectedCount: 16)
        for index in participants.indices where !participants[index].avoid.isEmpty {
            for other in participants[index].avoid {
                if let j = indexOf[other], j != index {
                    avoid.insertMin(index, j, 1)
                }
            }
        }
        self.avoid = avoid

        self.history = ContactIndex(count: participants.count, history: history, indexOf: indexOf)

        var managerKeys: [ParticipantID: Int32] = [:]
        managerIndex = participants.map { $0.managerID.flatMap { indexOf[$0] }.map(Int32.init) ?? -1 }
        managerKey = participants.map { participant in
            guard let manager = participant.managerID else { return -1 }
            if let key = managerKeys[manager] { return key }
            let key = Int32(managerKeys.count)
            managerKeys[manager] = key
            return key
        }
        utcOffset = participants.map { $0.utcOffsetMinutes.map { Int32(clamping: $0) } ?? Int32.min }
    }

    /// Whether `a` manages `b` or `b` manages `a`, or, with `includingPeers`, they share
    /// a manager.
    @inline(__always)
    func managerLinks(_ a: Int, _ b: Int, includingPeers: Bool) -> Bool {
        if managerIndex[a] == Int32(b) || managerIndex[b] == Int32(a) { return true }
        return includingPeers && managerKey[a] >= 0 && managerKey[a] == managerKey[b]
    }

    /// The distance in minutes between the UTC offsets of `a` and `b`, or `nil` when
    /// one has no time zone.
    @inline(__always)
    func offsetDistance(_ a: Int, _ b: Int) -> Int? {
        guard utcOffset[a] != Int32.min, utcOffset[b] != Int32.min else { return nil }
        return abs(Int(utcOffset[a]) - Int(utcOffset[b]))
    }
}

/// How well one rule was satisfied over all the pairs inside groups.
public struct RuleSatisfaction: Hashable, Sendable, Codable {
    /// The rule's index in ``MatchingConfiguration/rules``.
    public var ruleIndex: Int
    /// The rule.
    public var rule: MatchingRule
    /// Pairs inside groups that satisfy it.
    public var satisfiedPairs: Int
    /// Pairs inside groups it applies to (for `differentValue`, both members have a
    /// value; for `allowPair`, pairs having the two values).
    public var applicablePairs: Int

    /// `satisfiedPairs / applicablePairs`, or 1 when the rule applied to no pair.
    public var ratio: Double {
        applicablePairs == 0 ? 1 : Double(satisfiedPairs) / Double(applicablePairs)
    }

    /// Creates a rule satisfaction record.
    public init(ruleIndex: Int, rule: MatchingRule, satisfiedPairs: Int, applicablePairs: Int) {
        self.ruleIndex = ruleIndex
        self.rule = rule
        self.satisfiedPairs = satisfiedPairs
        self.applicablePairs = applicablePairs
    }
}

/// What a matching run achieved.
public struct MatchingStatistics: Hashable, Sendable, Codable {
    /// Pairs inside groups that met within the repeat window (only when unavoidable).
    public var repeatsInsideWindow: Int
    /// Pairs inside groups that met before the window (penalised, allowed).
    public var repeatsOutsideWindow: Int
    /// Per-rule satisfaction, in rule order.
    public var ruleSatisfaction: [RuleSatisfaction]
    /// Unmatched participants counted by reason.
    public var unmatchedByReason: [UnmatchedReason: Int]
    /// The algorithms used (one per `sameValue` partition; exact wins ties in order).
    public var algorithms: [MatchingAlgorithm]
    /// The sum of the group scores.
    public var totalScore: Int
    /// Wall-clock time of the run, measured with the injected clock.
    public var elapsed: Duration
    /// Whether the local-search repair stopped at ``MatchingConfiguration/repairTimeLimit``
    /// rather than at its move budget. Such a run depends on the machine's speed: the seed
    /// alone does not reproduce it (rerun with the limit off to get the full repair).
    public var repairStoppedByTimeLimit: Bool

    /// Creates statistics.
    public init(repeatsInsideWindow: Int, repeatsOutsideWindow: Int, ruleSatisfaction: [RuleSatisfaction],
                unmatchedByReason: [UnmatchedReason: Int], algorithms: [MatchingAlgorithm],
                totalScore: Int, elapsed: Duration, repairStoppedByTimeLimit: Bool = false) {
        self.repeatsInsideWindow = repeatsInsideWindow
        self.repeatsOutsideWindow = repeatsOutsideWindow
        self.ruleSatisfaction = ruleSatisfaction
        self.unmatchedByReason = unmatchedByReason
        self.algorithms = algorithms
        self.totalScore = totalScore
        self.elapsed = elapsed
        self.repairStoppedByTimeLimit = repairStoppedByTimeLimit
    }

    private enum CodingKeys: String, CodingKey {
        case repeatsInsideWindow, repeatsOutsideWindow, ruleSatisfaction, unmatchedByReason, algorithms, totalScore
        case elapsed, repairStoppedByTimeLimit
    }

    /// Decodes statistics; those stored before ``repairStoppedByTimeLimit`` existed read as
    /// not stopped.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        repeatsInsideWindow = try container.decode(Int.self, forKey: .repeatsInsideWindow)
        repeatsOutsideWindow = try container.decode(Int.self, forKey: .repeatsOutsideWindow)
        ruleSatisfaction = try container.decode([RuleSatisfaction].self, forKey: .ruleSatisfaction)
        unmatchedByReason = try container.decode([UnmatchedReason: Int].self, forKey: .unmatchedByReason)
        algorithms = try container.decode([MatchingAlgorithm].self, forKey: .algorithms)
        totalScore = try container.decode(Int.self, forKey: .totalScore)
        elapsed = try container.decode(Duration.self, forKey: .elapsed)
        repairStoppedByTimeLimit = try container.decodeIfPresent(Bool.self, forKey: .repairStoppedByTimeLimit) ?? false
    }
}

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

    /// Creates statistics.
    public init(repeatsInsideWindow: Int, repeatsOutsideWindow: Int, ruleSatisfaction: [RuleSatisfaction],
                unmatchedByReason: [UnmatchedReason: Int], algorithms: [MatchingAlgorithm],
                totalScore: Int, elapsed: Duration) {
        self.repeatsInsideWindow = repeatsInsideWindow
        self.repeatsOutsideWindow = repeatsOutsideWindow
        self.ruleSatisfaction = ruleSatisfaction
        self.unmatchedByReason = unmatchedByReason
        self.algorithms = algorithms
        self.totalScore = totalScore
        self.elapsed = elapsed
    }
}

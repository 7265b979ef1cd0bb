/// How a program has been doing over its last matched sessions. Rates pool the
/// counts of all the sessions (a large session weighs more than a small one) and are
/// `nil` when their denominator is zero.
public struct ProgramStatistics: Hashable, Sendable {
    /// One rule's satisfaction over the sessions whose configuration had it. Rules are
    /// told apart by value, so changing a rule's weight makes it a new rule.
    public struct RuleRate: Hashable, Sendable {
        /// The rule.
        public var rule: MatchingRule
        /// Sessions whose configuration had the rule.
        public var sessions: Int
        /// Pairs inside groups that satisfied it.
        public var satisfiedPairs: Int
        /// Pairs inside groups it applied to.
        public var applicablePairs: Int

        /// Creates a rate.
        public init(rule: MatchingRule, sessions: Int, satisfiedPairs: Int, applicablePairs: Int) {
            self.rule = rule
            self.sessions = sessions
            self.satisfiedPairs = satisfiedPairs
            self.applicablePairs = applicablePairs
        }

        /// `satisfiedPairs / applicablePairs`.
        public var rate: Double? { ProgramStatistics.ratio(satisfiedPairs, applicablePairs) }
    }

    /// The sessions counted.
    public var sessionCount: Int
    /// Σ audience sizes.
    public var audience: Int
    /// Σ participants.
    public var participants: Int
    /// Σ pairs inside groups.
    public var pairs: Int
    /// Σ pairs inside groups that had met before.
    public var repeatPairs: Int
    /// Σ unmatched participants.
    public var unmatched: Int
    /// Per rule, in the order of the most recent session's rules, then rules only
    /// older sessions had (most recent first).
    public var ruleSatisfaction: [RuleRate]

    /// Participants over audience.
    public var participationRate: Double? { Self.ratio(participants, audience) }
    /// Pairs that had met before over pairs.
    public var repeatRate: Double? { Self.ratio(repeatPairs, pairs) }
    /// Unmatched participants over participants.
    public var unmatchedRate: Double? { Self.ratio(unmatched, participants) }

    /// Aggregates `summaries`, oldest first.
    public init(summaries: [SessionSummary]) {
        sessionCount = summaries.count
        audience = summaries.reduce(0) { $0 + $1.audienceSize }
        participants = summaries.reduce(0) { $0 + $1.participants }
        pairs = summaries.reduce(0) { $0 + $1.pairs }
        repeatPairs = summaries.reduce(0) { $0 + $1.repeatPairs }
        unmatched = summaries.reduce(0) { $0 + $1.unmatched }
        var rates: [RuleRate] = []
        var indexByRule: [MatchingRule: Int] = [:]
        for summary in summaries.reversed() {
            var countedHere = Set<MatchingRule>()
            for entry in summary.ruleSatisfaction {
                let index: Int
                if let known = indexByRule[entry.rule] {
                    index = known
                } else {
                    index = rates.count
                    indexByRule[entry.rule] = index
                    rates.append(RuleRate(rule: entry.rule, sessions: 0, satisfiedPairs: 0, applicablePairs: 0))
                }
                if countedHere.insert(entry.rule).inserted { rates[index].sessions += 1 }
                rates[index].satisfiedPairs += entry.satisfiedPairs
                rates[index].applicablePairs += entry.applicablePairs
            }
        }
        ruleSatisfaction = rates
    }

    /// The statistics of the program's `last` most recent matched (or closed)
    /// sessions, by match time.
    public static func of(sessions: [Session], last count: Int) -> ProgramStatistics {
        ProgramStatistics(summaries: counted(sessions, last: count).compactMap { $0.match?.summary })
    }

    /// The sessions statistics count: the `last` most recent matched (or closed) ones of
    /// `sessions`, oldest first, by match time.
    public static func counted(_ sessions: [Session], last count: Int) -> [Session] {
        Array(sessions.filter { $0.match != nil }.sorted { ($0.matchAt, $0.id) < ($1.matchAt, $1.id) }.suffix(max(0, count)))
    }

    static func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
        denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }
}

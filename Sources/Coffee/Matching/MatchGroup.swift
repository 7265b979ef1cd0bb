/// One group of a matching result.
public struct MatchGroup: Hashable, Sendable, Codable {
    /// The members, sorted by id.
    public var members: [ParticipantID]
    /// The sum of the pair scores of its members (rule bonuses minus repeat penalties;
    /// see ``MatchingConfiguration``).
    public var score: Int
    /// Indices into ``MatchingConfiguration/rules`` of the rules that every applicable
    /// pair of the group satisfies (for `allowPair`: at least one pair has the values).
    public var satisfiedRules: [Int]
    /// Pairs in the group that met within the repeat window (non-zero only when the
    /// window had to be relaxed).
    public var repeatsInsideWindow: Int

    /// Creates a group.
    public init(members: [ParticipantID], score: Int, satisfiedRules: [Int], repeatsInsideWindow: Int) {
        self.members = members
        self.score = score
        self.satisfiedRules = satisfiedRules
        self.repeatsInsideWindow = repeatsInsideWindow
    }
}

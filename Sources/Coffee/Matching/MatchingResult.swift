/// The outcome of one matching run: every participant is in exactly one group or in
/// ``unmatched`` with a reason.
public struct MatchingResult: Hashable, Sendable, Codable {
    /// One participant left without a group, and why.
    public struct Unmatched: Hashable, Sendable, Codable {
        /// The participant.
        public var id: ParticipantID
        /// Why it has no group.
        public var reason: UnmatchedReason

        /// Creates an entry.
        public init(id: ParticipantID, reason: UnmatchedReason) {
            self.id = id
            self.reason = reason
        }
    }

    /// The groups, sorted by their first member.
    public var groups: [MatchGroup]
    /// Participants without a group, sorted by id.
    public var unmatched: [Unmatched]
    /// What the run achieved.
    public var statistics: MatchingStatistics
    /// ``Coffee/engineVersion`` of the engine that ran.
    public var engineVersion: String
    /// The seed the run used.
    public var seed: UInt64
    /// The configuration the run used (the snapshot to store with the session).
    public var configuration: MatchingConfiguration

    /// Unmatched participants to give priority next session: all of them except
    /// duplicates and those excluded by a `sameValue` fallback.
    public var priorityNextSession: [ParticipantID] {
        unmatched.compactMap { entry in
            switch entry.reason {
            case .duplicateParticipant, .noValueForSameValueRule: nil
            default: entry.id
            }
        }
    }

    /// Creates a result.
    public init(groups: [MatchGroup], unmatched: [Unmatched], statistics: MatchingStatistics,
                engineVersion: String, seed: UInt64, configuration: MatchingConfiguration) {
        self.groups = groups
        self.unmatched = unmatched
        self.statistics = statistics
        self.engineVersion = engineVersion
        self.seed = seed
        self.configuration = configuration
    }
}

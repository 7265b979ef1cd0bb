/// Everything one matching run depends on. Together with ``Coffee/engineVersion`` it
/// determines the result completely, so a session stores it to be reproduced.
public struct MatchingInput: Sendable {
    /// The participants, in any order. A repeated id takes part once; its later
    /// occurrences are reported unmatched as ``UnmatchedReason/duplicateParticipant``.
    public var participants: [Participant]
    /// The program's group size, rules and engine settings.
    public var configuration: MatchingConfiguration
    /// The program's past sessions.
    public var history: MatchHistory
    /// Participants to place first: those left over last session.
    public var priority: Set<ParticipantID>
    /// The seed of the run's random choices.
    public var seed: UInt64

    /// Creates an input.
    public init(
        participants: [Participant],
        configuration: MatchingConfiguration = MatchingConfiguration(),
        history: MatchHistory = MatchHistory(),
        priority: Set<ParticipantID> = [],
        seed: UInt64
    ) {
        self.participants = participants
        self.configuration = configuration
        self.history = history
        self.priority = priority
        self.seed = seed
    }
}

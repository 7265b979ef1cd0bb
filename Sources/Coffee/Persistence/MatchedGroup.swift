import FoundationEssentials

/// One group a member was matched in, as its history keeps it: the session, its
/// program, when it was matched, and everyone in the group.
public struct MatchedGroup: Sendable, Equatable {
    /// The session it was matched in.
    public var sessionID: SessionID
    /// The session's program.
    public var programID: ProgramID
    /// The group's number in its session.
    public var number: Int
    /// When the session was actually matched.
    public var matchedAt: Date
    /// Every member of the group, the member it was read for included.
    public var members: [MemberID]

    /// Creates a value.
    public init(sessionID: SessionID, programID: ProgramID, number: Int, matchedAt: Date, members: [MemberID]) {
        self.sessionID = sessionID
        self.programID = programID
        self.number = number
        self.matchedAt = matchedAt
        self.members = members
    }
}

import FoundationEssentials

/// The "Did you meet?" questions of one matched group, staged at the match as one small
/// outbox row (issue 16): the group's member ids, its session and number, the program's
/// name and when the questions are due. When it falls due, the outbox deliverer turns it,
/// in one transaction, into one ``MeetingFeedbackRequested`` per member who still has an
/// address — with the members' names and addresses as they are then and a fresh link
/// token each, stored hashed then — so a session of 100,000 members stages 50,000 small
/// rows at the match instead of 100,000 questions and 100,000 links.
public struct MeetingFeedbackScheduled: Sendable, Equatable {
    /// The session is the subject; the sequence is the session's version.
    public var header: EventHeader
    /// The session of the group.
    public var sessionID: SessionID
    /// The group's number in its session.
    public var group: Int
    /// The program's name, for the emails.
    public var programName: String
    /// The group's members, in group order.
    public var members: [MemberID]
    /// When the questions are due (the match plus the program's ``Program/feedbackDelay``).
    public var dueAt: Date

    /// Creates a value.
    public init(header: EventHeader, sessionID: SessionID, group: Int, programName: String, members: [MemberID], dueAt: Date) {
        self.header = header
        self.sessionID = sessionID
        self.group = group
        self.programName = programName
        self.members = members
        self.dueAt = dueAt
    }
}

import FoundationEssentials

/// Some days after a match, a member is asked "Did you meet?" by an email whose one-click
/// links (``PortalLink/Purpose/feedback``, token erased from the outbox once delivered)
/// open the portal with the answer preselected. Not due before ``dueAt``.
public struct MeetingFeedbackRequested: Sendable, Equatable {
    /// The member is the subject; the sequence is the session's version.
    public var header: EventHeader
    /// The session of the group.
    public var sessionID: SessionID
    /// The group's number in its session.
    public var group: Int
    /// The program's name, for the email.
    public var programName: String
    /// Where the email goes.
    public var email: EmailAddress
    /// The greeting's name.
    public var givenName: String
    /// The language of the email.
    public var locale: String?
    /// The other members' names.
    public var partnerNames: [String]
    /// The feedback link's token.
    public var token: String
    /// When the email is due (the match plus the program's ``Program/feedbackDelay``).
    public var dueAt: Date

    /// Creates a value.
    public init(header: EventHeader, sessionID: SessionID, group: Int, programName: String, email: EmailAddress,
                givenName: String, locale: String?, partnerNames: [String], token: String, dueAt: Date) {
        self.header = header
        self.sessionID = sessionID
        self.group = group
        self.programName = programName
        self.email = email
        self.givenName = givenName
        self.locale = locale
        self.partnerNames = partnerNames
        self.token = token
        self.dueAt = dueAt
    }
}

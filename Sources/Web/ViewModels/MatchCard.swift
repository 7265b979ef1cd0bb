/// One group the member was matched in: the program, the session's date, the partners,
/// the category values the program's rules compared, and for a past match the
/// "Did you meet?" answer.
public struct MatchCard: Sendable, Hashable {
    /// The group id (in the feedback form's URL).
    public var groupID: String
    /// The program's name; untrusted.
    public var programName: String
    /// The session's date, formatted.
    public var sessionDate: String
    /// The other members of the group.
    public var partners: [MatchPartner]
    /// The rows of the comparison table (one per category a rule used).
    public var comparisons: [CategoryComparison]
    /// Whether the "Did you meet?" form is shown (past matches).
    public var asksForFeedback: Bool
    /// The answer given so far, and the rating.
    public var answer: MeetingAnswer?
    /// The rating given so far (1–5).
    public var rating: Int?

    /// Creates a card.
    public init(groupID: String, programName: String, sessionDate: String, partners: [MatchPartner],
                comparisons: [CategoryComparison] = [], asksForFeedback: Bool, answer: MeetingAnswer? = nil, rating: Int? = nil) {
        self.groupID = groupID
        self.programName = programName
        self.sessionDate = sessionDate
        self.partners = partners
        self.comparisons = comparisons
        self.asksForFeedback = asksForFeedback
        self.answer = answer
        self.rating = rating
    }
}

import FoundationEssentials

/// One member's answer to "Did you meet?" about one group it was matched in: yes, no or
/// not yet, and an optional rating from 1 to 5. A member answers once per group; a new
/// answer replaces the previous one.
public struct MeetingFeedback: Sendable, Equatable {
    /// Whether the group met.
    public enum Answer: String, Sendable, Equatable, Hashable, CaseIterable {
        /// They met.
        case yes
        /// They did not (and will not).
        case no
        /// Not yet.
        case notYet = "not-yet"
    }

    /// The organisation.
    public var tenantID: TenantID
    /// The session the group belongs to.
    public var sessionID: SessionID
    /// The group's number in its session.
    public var group: Int
    /// Who answers.
    public var memberID: MemberID
    /// The answer.
    public var answer: Answer
    /// The rating, 1…5, when given.
    public var rating: Int?
    /// When it was (last) answered.
    public var answeredAt: Date

    /// The ratings a member may give.
    public static let ratings = 1...5

    /// Creates an answer; a rating outside ``ratings`` is dropped.
    public init(tenantID: TenantID, sessionID: SessionID, group: Int, memberID: MemberID, answer: Answer, rating: Int?,
                answeredAt: Date) {
        self.tenantID = tenantID
        self.sessionID = sessionID
        self.group = group
        self.memberID = memberID
        self.answer = answer
        self.rating = rating.flatMap { Self.ratings.contains($0) ? $0 : nil }
        self.answeredAt = answeredAt
    }
}

/// One member taking part in a matching run, with what the rules look at.
public struct Participant: Hashable, Sendable, Codable {
    /// The member.
    public var id: ParticipantID
    /// Category values keyed by category key (`"department"`, `"city"`…). A
    /// multi-select category holds several values; a missing key or an empty list
    /// means the member has no value for that category.
    public var categoryValues: [String: [String]]
    /// Members this participant must never be grouped with (a hard rule, applied in
    /// both directions).
    public var avoid: Set<ParticipantID>
    /// The member's manager (the SCIM enterprise `manager`), for
    /// ``MatchingRule/notWithManager(includingPeers:)``; the manager need not take part.
    public var managerID: ParticipantID?
    /// The member's offset from UTC at the session's time, in minutes, for the time-zone
    /// rules; `nil` when the member has no time zone.
    public var utcOffsetMinutes: Int?

    /// Creates a participant.
    public init(
        id: ParticipantID,
        categoryValues: [String: [String]] = [:],
        avoid: Set<ParticipantID> = [],
        managerID: ParticipantID? = nil,
        utcOffsetMinutes: Int? = nil
    ) {
        self.id = id
        self.categoryValues = categoryValues
        self.avoid = avoid
        self.managerID = managerID
        self.utcOffsetMinutes = utcOffsetMinutes
    }
}

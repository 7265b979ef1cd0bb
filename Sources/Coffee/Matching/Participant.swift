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

    /// Creates a participant.
    public init(
        id: ParticipantID,
        categoryValues: [String: [String]] = [:],
        avoid: Set<ParticipantID> = []
    ) {
        self.id = id
        self.categoryValues = categoryValues
        self.avoid = avoid
    }
}

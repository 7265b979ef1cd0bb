/// A member considered for a session, with the groups it belongs to (for a group
/// audience).
public struct SelectionCandidate: Sendable, Equatable {
    /// The member as stored now.
    public var member: Member
    /// The groups it is a member of now.
    public var groupIDs: Set<GroupID>
    /// Its manager (the SCIM enterprise `manager`), when the org-chart rule needs it.
    public var managerID: MemberID?

    /// Creates a candidate.
    public init(member: Member, groupIDs: Set<GroupID> = [], managerID: MemberID? = nil) {
        self.member = member
        self.groupIDs = groupIDs
        self.managerID = managerID
    }
}

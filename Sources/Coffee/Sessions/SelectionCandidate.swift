/// A member considered for a session, with the groups it belongs to (for a group
/// audience).
public struct SelectionCandidate: Sendable, Equatable {
    /// The member as stored now.
    public var member: Member
    /// The groups it is a member of now.
    public var groupIDs: Set<GroupID>
    /// Its manager (the SCIM enterprise `manager`), when the org-chart rule needs it.
    public var managerID: MemberID?
    /// The connections that keep it active now (for a connection audience).
    public var connectionIDs: Set<ConnectionID>

    /// Creates a candidate.
    public init(member: Member, groupIDs: Set<GroupID> = [], managerID: MemberID? = nil, connectionIDs: Set<ConnectionID> = []) {
        self.member = member
        self.groupIDs = groupIDs
        self.managerID = managerID
        self.connectionIDs = connectionIDs
    }
}

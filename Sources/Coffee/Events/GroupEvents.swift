/// Payload of ``DomainEvent/groupMembershipChanged(_:)``: programs whose audience is the
/// group gain or lose these members (future and open sessions; past matches kept).
public struct GroupMembershipChanged: Sendable, Equatable {
    /// Tenant, group, group version, time.
    public var header: EventHeader
    /// Members who joined, sorted.
    public var added: [MemberID]
    /// Members who left, sorted.
    public var removed: [MemberID]

    /// Creates the payload.
    public init(header: EventHeader, added: [MemberID], removed: [MemberID]) {
        self.header = header
        self.added = added
        self.removed = removed
    }

    /// The group the event is about.
    public var groupID: GroupID { GroupID(header.subject) }
}

/// Payload of ``DomainEvent/programAudienceBroken(_:)``: the group was deleted; every
/// program whose audience it was must pause, never be emptied silently.
public struct ProgramAudienceBroken: Sendable, Equatable {
    /// Tenant, group, the group's last version + 1, time.
    public var header: EventHeader

    /// Creates the payload.
    public init(header: EventHeader) {
        self.header = header
    }

    /// The deleted group.
    public var groupID: GroupID { GroupID(header.subject) }
}

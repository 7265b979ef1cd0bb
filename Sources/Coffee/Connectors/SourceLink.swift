/// That one connection knows a member as one of its people: the member's "sources"
/// beyond the door it came in by (one member, several sources).
public struct SourceLink: Sendable, Equatable, Hashable {
    /// The connection.
    public var connectionID: ConnectionID
    /// The person's id in that source.
    public var sourceID: String
    /// Whether the connection's last complete listing had the person, active and not
    /// excluded: whether this source still keeps the member.
    public var isActive: Bool

    /// Creates a link.
    public init(connectionID: ConnectionID, sourceID: String, isActive: Bool = true) {
        self.connectionID = connectionID
        self.sourceID = sourceID
        self.isActive = isActive
    }
}

/// A tenant's member with the links every connection holds to it: the planner's view of
/// who is already there and which sources keep them.
public struct LinkedMember: Sendable, Equatable {
    /// The member.
    public var member: Member
    /// Its links, any connection.
    public var links: [SourceLink]

    /// Creates the pair.
    public init(member: Member, links: [SourceLink] = []) {
        self.member = member
        self.links = links
    }

    /// The link of `connection`, if any.
    public func link(of connection: ConnectionID) -> SourceLink? {
        links.first { $0.connectionID == connection }
    }
}

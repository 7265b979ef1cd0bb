/// Who a program is for (domain.md, "Programs"). Membership of the audience says
/// nothing about eligibility: ``ParticipantSelection`` checks both.
public enum Audience: Hashable, Sendable, Codable {
    /// Every member of the organisation.
    case allMembers
    /// The members of one SCIM group (like a chat team bound to the program).
    case group(GroupID)
    /// The members whose category values match an expression, such as
    /// `City in (Paris, Lyon) and not Department = HR`.
    case categories(AudienceExpression)
    /// The people a connection's source keeps now: a Microsoft Teams team bound to the
    /// program (issue 14). Joiners enter the audience with the run that lists them, and
    /// so the sessions matched after it; leavers leave it (and the platform only when no
    /// other source keeps them).
    case connection(ConnectionID)

    /// Whether who belongs to the audience depends on SCIM group memberships.
    public var dependsOnGroups: Bool {
        if case .group = self { true } else { false }
    }

    /// Whether who belongs to the audience depends on connections' links.
    public var dependsOnSources: Bool {
        if case .connection = self { true } else { false }
    }

    /// Whether `member` belongs to the audience, given the groups it is a member of and
    /// the connections that keep it active (``SourceLink/isActive``).
    public func includes(member: Member, groupsOfMember: Set<GroupID>, sourcesOfMember: Set<ConnectionID> = []) -> Bool {
        switch self {
        case .allMembers: true
        case .group(let group): groupsOfMember.contains(group)
        case .categories(let expression): expression.matches(member.categoryValues)
        case .connection(let connection): sourcesOfMember.contains(connection)
        }
    }
}

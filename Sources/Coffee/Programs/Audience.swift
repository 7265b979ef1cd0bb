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

    /// Whether who belongs to the audience depends on SCIM group memberships.
    public var dependsOnGroups: Bool {
        if case .group = self { true } else { false }
    }

    /// Whether `member` belongs to the audience, given the groups it is a member of.
    public func includes(member: Member, groupsOfMember: Set<GroupID>) -> Bool {
        switch self {
        case .allMembers: true
        case .group(let group): groupsOfMember.contains(group)
        case .categories(let expression): expression.matches(member.categoryValues)
        }
    }
}

import Coffee
import FoundationEssentials

/// What an audience picker needs (issue 13, item 7): the tenant's SCIM groups, and how
/// many live members an audience holds now — counted with ``Audience/includes(member:groupsOfMember:)``,
/// the same test a session's selection makes.
extension ProgramService {
    /// The tenant's SCIM groups by display name, at most `limit`.
    func audienceGroups(tenant: TenantID, limit: Int = 500) async throws -> [GroupSummary] {
        try await persistence.read { tx in try tx.groups.page(tenant: tenant, afterName: nil, limit: limit) }
    }

    /// How many live members of the tenant `audience` holds now (eligible or not). A group
    /// audience must name a group of the tenant.
    func audienceCount(_ audience: Audience, tenant: TenantID) async throws -> Int {
        try await persistence.read { tx in
            try Self.checkGroup(audience, tenant: tenant, in: tx)
            let memberships = audience.dependsOnGroups ? try tx.groups.userMemberships(tenant: tenant) : [:]
            return try tx.members.liveMembers(tenant: tenant).count { member in
                audience.includes(member: member, groupsOfMember: memberships[member.id.rawValue] ?? [])
            }
        }
    }
}

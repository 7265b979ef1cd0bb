/// SCIM groups as the domain sees them: audiences, read from what the identity provider
/// pushed (its membership is the one truth). Read-only: groups change through SCIM.
public protocol GroupDirectory {
    /// The tenant's groups by display name, after `afterName`, at most `limit`.
    func page(tenant: TenantID, afterName: String?, limit: Int) throws -> [GroupSummary]
    /// The group `id` of the tenant, or `nil`.
    func group(id: GroupID, tenant: TenantID) throws -> GroupSummary?
    /// The direct members of group `id` that are members (Users), in id order.
    func members(of id: GroupID, tenant: TenantID) throws -> [Member]
    /// The ids of the groups `memberID` belongs to directly.
    func groupIDs(of memberID: MemberID, tenant: TenantID) throws -> Set<String>
    /// The groups each User of the tenant belongs to directly, by the User's id (the
    /// audiences a selection checks).
    func userMemberships(tenant: TenantID) throws -> [String: Set<GroupID>]
}

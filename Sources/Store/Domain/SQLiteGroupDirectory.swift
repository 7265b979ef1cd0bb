import Coffee

/// SCIM Groups as the domain sees them: audiences. Read from the SCIM tables (the
/// membership table is the one truth), joined with the members they hold.
public struct SQLiteGroupDirectory: GroupDirectory {
    /// The transaction's connection.
    let db: Connection

    /// The tenant's groups by display name, after `afterName`, at most `limit`.
    public func page(tenant: TenantID, afterName: String?, limit: Int) throws -> [GroupSummary] {
        try db.query("""
            SELECT r.id, r.display_name,
                (SELECT count(*) FROM scim_group_members m WHERE m.tenant_id = r.tenant_id AND m.group_id = r.id)
            FROM scim_resources r
            WHERE r.tenant_id = ? AND r.resource_type = 'Group' AND (?2 IS NULL OR r.display_name_folded > lower(?2))
            ORDER BY r.display_name_folded LIMIT ?
            """, tenant.rawValue, afterName, limit) { GroupSummary(id: GroupID($0.string(0)), displayName: $0.string(1), memberCount: $0.int(2)) }
    }

    /// The group `id` of the tenant, or `nil`.
    public func group(id: GroupID, tenant: TenantID) throws -> GroupSummary? {
        try db.queryOne("""
            SELECT r.id, r.display_name,
                (SELECT count(*) FROM scim_group_members m WHERE m.tenant_id = r.tenant_id AND m.group_id = r.id)
            FROM scim_resources r WHERE r.tenant_id = ? AND r.id = ? AND r.resource_type = 'Group'
            """, tenant.rawValue, id) { GroupSummary(id: GroupID($0.string(0)), displayName: $0.string(1), memberCount: $0.int(2)) }
    }

    /// The members of group `id` that are members (Users), in id order.
    public func members(of id: GroupID, tenant: TenantID) throws -> [Member] {
        try db.query("""
            SELECT \(SQLiteMemberRepository.columns) FROM members WHERE tenant_id = ?1 AND id IN (
                SELECT member_id FROM scim_group_members WHERE tenant_id = ?1 AND group_id = ?2)
            ORDER BY id
            """, tenant.rawValue, id, map: SQLiteMemberRepository.member)
    }

    /// The ids of the groups `memberID` belongs to directly.
    public func groupIDs(of memberID: MemberID, tenant: TenantID) throws -> Set<String> {
        Set(try db.query("SELECT group_id FROM scim_group_members WHERE tenant_id = ? AND member_id = ?",
                         tenant.rawValue, memberID) { $0.string(0) })
    }

    /// The groups each User of the tenant belongs to directly, by the User's id (the
    /// audiences a selection checks).
    public func userMemberships(tenant: TenantID) throws -> [String: Set<GroupID>] {
        var groups: [String: Set<GroupID>] = [:]
        for (member, group) in try db.query("""
            SELECT m.member_id, m.group_id FROM scim_group_members m WHERE m.tenant_id = ? AND m.member_type = 'User'
            """, tenant.rawValue, map: { ($0.string(0), $0.string(1)) }) {
            groups[member, default: []].insert(GroupID(group))
        }
        return groups
    }
}

import Coffee

/// SCIM Groups as the domain sees them, read from the SCIM tables on PostgreSQL (as
/// ``SQLiteGroupDirectory``).
struct PostgresGroupDirectory: GroupDirectory {
    /// The transaction's connection.
    let db: PostgresConnection

    /// The columns a ``GroupSummary`` reads, from `scim_resources r`.
    private static let summaryColumns = """
        r.id, r.display_name,
            (SELECT count(*) FROM scim_group_members m WHERE m.tenant_id = r.tenant_id AND m.group_id = r.id)
        """

    private static func summary(_ row: PostgresRow) -> GroupSummary {
        GroupSummary(id: GroupID(row.string(0)), displayName: row.string(1), memberCount: row.int(2))
    }

    func page(tenant: TenantID, afterName: String?, limit: Int) throws -> [GroupSummary] {
        try db.query("""
            SELECT \(Self.summaryColumns) FROM scim_resources r
            WHERE r.tenant_id = $1 AND r.resource_type = 'Group'
                AND ($2::text IS NULL OR r.display_name_folded COLLATE "C" > lower($2::text) COLLATE "C")
            ORDER BY r.display_name_folded COLLATE "C" LIMIT $3
            """, tenant, afterName, limit, map: Self.summary)
    }

    func group(id: GroupID, tenant: TenantID) throws -> GroupSummary? {
        try db.queryOne("""
            SELECT \(Self.summaryColumns) FROM scim_resources r
            WHERE r.tenant_id = $1 AND r.id = $2 AND r.resource_type = 'Group'
            """, tenant, id, map: Self.summary)
    }

    func members(of id: GroupID, tenant: TenantID) throws -> [Member] {
        try db.query("""
            SELECT \(SQLiteMemberRepository.columns) FROM members WHERE tenant_id = $1 AND id IN (
                SELECT member_id FROM scim_group_members WHERE tenant_id = $1 AND group_id = $2)
            ORDER BY id COLLATE "C"
            """, tenant, id, map: SQLiteMemberRepository.member)
    }

    func groupIDs(of memberID: MemberID, tenant: TenantID) throws -> Set<String> {
        Set(try db.query("SELECT group_id FROM scim_group_members WHERE tenant_id = $1 AND member_id = $2",
                         tenant, memberID) { $0.string(0) })
    }

    func userMemberships(tenant: TenantID) throws -> [String: Set<GroupID>] {
        var groups: [String: Set<GroupID>] = [:]
        for (member, group) in try db.query("""
            SELECT member_id, group_id FROM scim_group_members WHERE tenant_id = $1 AND member_type = 'User'
            """, tenant, map: { ($0.string(0), $0.string(1)) }) {
            groups[member, default: []].insert(GroupID(group))
        }
        return groups
    }
}

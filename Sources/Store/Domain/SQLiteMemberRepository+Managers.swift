import Coffee

extension SQLiteMemberRepository {
    /// Each User's manager as the SCIM enterprise extension stores it (`manager.value`,
    /// the manager's id, which is also its member id), by the User's id, for the
    /// org-chart rule (``MatchingRule/notWithManager(includingPeers:)``). Users without
    /// a manager are absent. Reads every User's JSON: call it only when a rule needs it.
    public func managers(tenant: TenantID) throws -> [String: MemberID] {
        let rows = try db.query("""
            SELECT id, json_extract(json, '$."urn:ietf:params:scim:schemas:extension:enterprise:2.0:User".manager.value')
            FROM scim_resources WHERE tenant_id = ? AND resource_type = 'User'
            """, tenant.rawValue) { ($0.string(0), $0.optionalString(1)) }
        var managers: [String: MemberID] = [:]
        for (member, manager) in rows {
            if let manager, !manager.isEmpty { managers[member] = MemberID(manager) }
        }
        return managers
    }
}

import FoundationEssentials
import SCIM

extension PostgresResourceTables {
    /// A Group member change (``PostgresResourceStore/modify(id:kind:tenant:expectedVersion:members:_:)``
    /// without `If-Match`): one member added or removed without a `display` — what Entra ID
    /// and Okta send — is one statement, its member row, its change row and the group's new
    /// version together (one round trip instead of two; issue 11); any other change goes
    /// through ``ResourceTableWriter/apply(_:to:tenant:date:members:)``. Same outcome as
    /// `apply`: the change row only when the member row was inserted or deleted, by this
    /// statement itself (side by side with others, only the one whose row commits changed
    /// it), `unknownMember` for an id that is no resource of the tenant, the event and the
    /// members `inclusion` asks for (read with the `COMMIT`: ``answer(_:members:tenant:)``).
    func applyMembers(_ change: SQLiteResourceStore.ResourceChange, to current: SQLiteResourceStore.ResourceRow,
                      tenant: TenantID, date: Date, members inclusion: MemberInclusion) throws -> PostgresWrittenResource {
        guard change.replacedMembers == nil, change.memberDisplays.isEmpty,
              change.addedMembers.count + change.removedMembers.count == 1,
              let memberID = change.addedMembers.first ?? change.removedMembers.first else {
            return try answer(apply(change, to: current, tenant: tenant, date: date, members: .none),
                              members: inclusion, tenant: tenant)
        }
        let adding = !change.addedMembers.isEmpty
        // $1 tenant, $2 group id, $3 member id, $4 group seq, $5 date.
        let written = adding ? """
            target AS (SELECT resource_type, coalesce(display_name, user_name) AS name FROM scim_resources
                       WHERE tenant_id = $1 AND id = $3 FOR SHARE),
            written AS (
                INSERT INTO scim_group_members (tenant_id, group_id, member_id, member_type, member_name)
                SELECT $1, $2, $3, resource_type, name FROM target
                ON CONFLICT (tenant_id, group_id, member_id) DO NOTHING RETURNING 1)
            """ : """
            target AS (SELECT NULL::text AS resource_type),
            written AS (DELETE FROM scim_group_members WHERE tenant_id = $1 AND group_id = $2 AND member_id = $3 RETURNING 1)
            """
        guard let (found, changeNumber, version, pending) = try db.queryOne("""
            WITH \(written),
            change AS (
                INSERT INTO scim_resource_changes (tenant_id, resource_seq, changed_at)
                SELECT $1, $4, $5 FROM written RETURNING change_id),
            pending AS (SELECT count(*) AS count FROM scim_resource_changes WHERE resource_seq = $4)
            SELECT (SELECT resource_type FROM target) IS NOT NULL, (SELECT change_id FROM change),
                r.version + pending.count + 1, pending.count + 1
            FROM scim_resources r, pending WHERE r.seq = $4
            """, tenant, current.resource.id, memberID, current.seq, date,
            map: { ($0.bool(0), $0.isNull(1) ? nil : $0.int64(1), $0.int64(2), $0.int64(3)) }) else {
            throw ResourceStoreError.notFound
        }
        if adding, !found { throw ResourceStoreError.unknownMember(id: memberID) }
        var resource = current.resource
        if let changeNumber {
            if pending >= Self.foldThreshold { try fold(seq: current.seq) }
            resource.version = version
            resource.lastModified = Timestamp.string(from: date)
            try notify(.membersChanged(groupID: resource.id, version: changeNumber, added: adding ? [memberID] : [],
                                       removed: adding ? [] : [memberID]),
                       tenant: tenant, at: date)
        }
        return try answer(resource, members: inclusion, tenant: tenant)
    }
}

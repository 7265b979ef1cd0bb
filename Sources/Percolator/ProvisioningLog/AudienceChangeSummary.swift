import Coffee
import SCIM
import Store

/// The audiences a SCIM write moved members into or out of, as provisioning log changes
/// (``Coffee/AudienceMovement`` decides; this reads what it needs in the write's own
/// transaction):
/// - a User created, deleted, or whose category values changed: one `audiences` change
///   whose `added`/`removed` are the ids of the programs it joined and left;
/// - a Group whose members changed, created with members, or deleted: per program whose
///   audience is that group, an `audience:PROGRAM-ID` change whose `added`/`removed` are
///   the member ids that joined and left it.
///
/// Programs are read only when something an audience depends on changed, so a write
/// that changes a title or a status reads nothing more.
enum AudienceChangeSummary {
    static func changes(for write: ResourceWrite, member: (before: Member?, after: Member)?,
                        tenant: Store.TenantID, in db: any StorageTransaction) throws -> [ProvisioningLogChange] {
        switch write {
        case .created(let resource) where resource.kind == .user,
             .updated(_, let resource) where resource.kind == .user,
             .deleted(let resource) where resource.kind == .user:
            guard let member, movesAudiences(member.before, member.after) else { return [] }
            let programs = try db.programs.programs(tenant: tenant)
            guard !programs.isEmpty else { return [] }
            // A User just created is in no group yet: its id is new, and a group can only
            // name a member that exists.
            let isNew: Bool = if case .created = write { true } else { false }
            let groups: Set<GroupID> = !isNew && programs.contains(where: { $0.audience.dependsOnGroups })
                ? Set(try db.groups.groupIDs(of: member.after.id, tenant: tenant).map(GroupID.init)) : []
            // Connections' links change with their runs, never with a SCIM write: they
            // matter here only when the member is deprovisioned and leaves everything.
            let sources: Set<ConnectionID> = member.after.lifecycle != .live && programs.contains(where: { $0.audience.dependsOnSources })
                ? Set(try db.connections.links(tenant: tenant)[member.after.id, default: []].filter(\.isActive).map(\.connectionID)) : []
            let moved = AudienceMovement.member(before: member.before, after: member.after, groups: groups, sources: sources,
                                                programs: programs)
            guard !moved.joined.isEmpty || !moved.left.isEmpty else { return [] }
            return [.audiences(joined: moved.joined.map(\.rawValue), left: moved.left.map(\.rawValue))]
        case .created(let group):
            let added = group.members?.filter { $0.kind == .user }.map(\.value) ?? []
            return try groupChanges(group: group.id, added: added, removed: [], tenant: tenant, in: db)
        case .membersChanged(let groupID, _, let added, let removed):
            return try groupChanges(group: groupID, added: added, removed: removed, tenant: tenant, in: db)
        case .deleted(let group):
            let removed = group.members?.filter { $0.kind == .user }.map(\.value) ?? []
            return try groupChanges(group: group.id, added: [], removed: removed, tenant: tenant, in: db)
        case .updated:
            return []
        }
    }

    /// Whether an audience can differ between `before` and `after`: a new member, a
    /// lifecycle change (deprovisioned), or other category values. Groups do not change
    /// with a User write.
    private static func movesAudiences(_ before: Member?, _ after: Member) -> Bool {
        guard let before else { return true }
        return before.lifecycle != after.lifecycle || before.categoryValues != after.categoryValues
    }

    private static func groupChanges(group: String, added: [String], removed: [String],
                                     tenant: Store.TenantID, in db: any StorageTransaction) throws -> [ProvisioningLogChange] {
        guard !added.isEmpty || !removed.isEmpty else { return [] }
        return try AudienceMovement.programs(boundTo: GroupID(group), in: db.programs.programs(tenant: tenant)).map { program in
            ProvisioningLogChange.audienceMembers(program: program.id.rawValue, joined: added, left: removed)
        }
    }
}

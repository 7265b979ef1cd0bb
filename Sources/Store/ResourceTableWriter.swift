import FoundationEssentials
import SCIM

/// The statements a SCIM write makes, on one backend's connection inside its write
/// transaction: SQLite's (``SQLiteResourceStore``) and PostgreSQL's
/// (`PostgresResourceStore`) implement them; ``apply(_:to:tenant:date:members:)``
/// is the one algorithm both run.
protocol ResourceTableWriter {
    /// The ids of a group's members.
    func memberIDs(of groupID: String, tenant: TenantID) throws -> Set<String>
    /// Adds members after checking each is a User or Group of the tenant (else
    /// `unknownMember` naming it). Returns the ids newly inserted, and how many rows
    /// changed: inserted, or present with a new client `display`.
    func addMembers(_ ids: [String], displays: [String: String], to groupID: String,
                    tenant: TenantID) throws -> (inserted: [String], changedRows: Int)
    /// Removes members; returns the ids whose rows were deleted (absent ones are skipped).
    func removeMembers(_ ids: [String], from groupID: String, tenant: TenantID) throws -> [String]
    /// Writes new attributes into row `seq`, bumping its version: the JSON, and of the
    /// indexed columns and a User's `emails` rows those `changes` names. Throws
    /// `uniqueness` for a taken `userName` or `displayName`.
    func update(_ columns: ResourceColumns, changes: ResourceColumnChanges, kind: ResourceKind, seq: Int64,
                tenant: TenantID, at date: Date) throws
    /// Records that `current`'s membership changed at `date`: its version and
    /// `last_modified` move on. Returns its new version and the change's number for its
    /// `GroupMembershipChanged` event: unique to the change (SQLite: the new version).
    func touch(_ current: SQLiteResourceStore.ResourceRow, at date: Date) throws -> (version: Int64, change: Int64)
    /// Loads a Group's `members` or a User's `groups` into `resource`.
    func attachReferences(to resource: inout StoredResource, tenant: TenantID) throws
    /// A Group's members ordered by id, or `nil` when it has more than `limit`.
    func members(of groupID: String, tenant: TenantID, atMost limit: Int) throws -> [MemberReference]?
    /// Tells the store's observer, if any, about `write`, in this transaction, with what
    /// the observer prepared for it before (``ResourceWriteObserver/prepare(_:tenant:at:)``).
    func notify(_ write: ResourceWrite, tenant: TenantID, at date: Date, prepared: (any Sendable)?) throws
}

extension ResourceTableWriter {
    /// ``notify(_:tenant:at:prepared:)`` of a write nothing was prepared for.
    func notify(_ write: ResourceWrite, tenant: TenantID, at date: Date) throws {
        try notify(write, tenant: tenant, at: date, prepared: nil)
    }

    /// Applies `change` to `current`; bumps `version` and `last_modified` only when the
    /// attributes differ or a member row was inserted or deleted. Member changes touch
    /// only their rows and the group's `version`/`last_modified`, never its JSON.
    /// `prepared`: what the observer prepared for the `.updated` write of this change to
    /// `current` at `date`, handed to it with that write.
    func apply(_ change: SQLiteResourceStore.ResourceChange, to current: SQLiteResourceStore.ResourceRow, tenant: TenantID,
               date: Date, members inclusion: MemberInclusion, prepared: (any Sendable)? = nil) throws -> StoredResource {
        var resource = current.resource
        var added: [String] = []
        var removed: [String] = []
        var membershipChanged = false
        if let replaced = change.replacedMembers {
            let existing = try memberIDs(of: resource.id, tenant: tenant)
            let wanted = Set(replaced)
            removed += try removeMembers(existing.filter { !wanted.contains($0) }.sorted(), from: resource.id, tenant: tenant)
            // Present members are upserted too, so a new display a client sends is kept.
            let upserted = try addMembers(replaced.filter { !existing.contains($0) || change.memberDisplays[$0] != nil },
                                          displays: change.memberDisplays, to: resource.id, tenant: tenant)
            added += upserted.inserted
            membershipChanged = !removed.isEmpty || upserted.changedRows > 0
        }
        let upserted = try addMembers(change.addedMembers, displays: change.memberDisplays, to: resource.id, tenant: tenant)
        added += upserted.inserted
        if upserted.changedRows > 0 { membershipChanged = true }
        let deleted = try removeMembers(change.removedMembers, from: resource.id, tenant: tenant)
        removed += deleted
        if !deleted.isEmpty { membershipChanged = true }

        let stamp = Timestamp.string(from: date)
        var changeNumber: Int64?
        if let columns = change.columns, columns.attributes != resource.attributes {
            let before = resource
            try update(columns, changes: ResourceColumnChanges(from: resource.attributes, to: columns), kind: resource.kind,
                       seq: current.seq, tenant: tenant, at: date)
            resource.attributes = columns.attributes
            resource.version += 1
            resource.lastModified = stamp
            try notify(.updated(before: before, after: resource), tenant: tenant, at: date, prepared: prepared)
        } else if membershipChanged {
            let touched = try touch(current, at: date)
            resource.version = touched.version
            resource.lastModified = stamp
            changeNumber = touched.change
        }
        if !added.isEmpty || !removed.isEmpty {
            try notify(.membersChanged(groupID: resource.id, version: changeNumber ?? resource.version, added: added,
                                       removed: removed),
                       tenant: tenant, at: date)
        }
        try attach(inclusion, to: &resource, tenant: tenant)
        return resource
    }

    /// Loads into `resource` what `inclusion` asks for of its members or groups.
    func attach(_ inclusion: MemberInclusion, to resource: inout StoredResource, tenant: TenantID) throws {
        switch inclusion {
        case .none:
            return
        case .atMost(let limit) where resource.kind == .group:
            resource.members = try members(of: resource.id, tenant: tenant, atMost: limit)
        case .all, .atMost:
            try attachReferences(to: &resource, tenant: tenant)
        }
    }
}

import Coffee
import FoundationEssentials
import SCIM
import Store

/// Provisioning: turns every SCIM write into its member-domain transition
/// (domain.md's table), inside the SCIM write's own transaction, so the resource, the
/// member row and the outbox events commit together or not at all.
///
/// - User created → ``ProvisioningTransition/provision(_:tenantID:source:settings:sendsWelcomeEmail:localStatus:at:)``
///   (`MemberProvisioned`, and `WelcomeEmailRequested` when active and wanted).
/// - User replaced or patched → update, deactivation or reactivation as `active` says.
/// - User deleted → deprovisioned: the member row stays for history, SCIM answers 404.
/// - Group members added or removed → `GroupMembershipChanged`; Group deleted →
///   `ProgramAudienceBroken` and the programs using it paused (``onGroupDeleted``).
///
/// A domain refusal (a transition on a deprovisioned member cannot happen through SCIM,
/// whose resource is gone by then) is a 500 that rolls the request back: the two
/// representations never drift.
///
/// A User's create is prepared on the request's task (``prepare(_:tenant:at:)``): the
/// mapping, the transition and the log's note need no database, so the single writer
/// only checks the settings they used and writes.
struct ProvisioningObserver: ResourceWriteObserver {
    let mapping = MemberDraftMapping()
    /// Each tenant's settings as the latest write transaction read them, which
    /// ``prepare(_:tenant:at:)`` maps with: never trusted alone, the transaction compares
    /// them with the settings it reads and maps again when they differ.
    let recentSettings = BoundedTenantMap<TenantSettings>()
    /// Extra work in the same transaction when a group used as an audience disappears
    /// or a member stops being eligible (sessions); set by the server.
    var onGroupDeleted: (@Sendable (_ groupID: String, _ tenant: Store.TenantID, _ date: Date, _ db: any StorageTransaction) throws -> Void)?
    var onMemberWithdrawn: (@Sendable (_ member: Member, _ tenant: Store.TenantID, _ date: Date, _ db: any StorageTransaction) throws -> Void)?
    /// Encodes events as the store's outbox keeps them (``StorageBackend/encode(_:)``), so
    /// that a prepared create's events are encoded on the request's task, not on the single
    /// writer (issue 10: 1.8% of the server's CPU during creates); `nil`: the writer encodes.
    var encodeEvents: (@Sendable ([DomainEvent]) -> EncodedEvents)?

    func resourceWritten(_ write: ResourceWrite, tenant: Store.TenantID, at date: Date, in db: any StorageTransaction) throws {
        try resourceWritten(write, tenant: tenant, at: date, prepared: nil, in: db)
    }

    func resourceWritten(_ write: ResourceWrite, tenant: Store.TenantID, at date: Date, prepared: (any Sendable)?,
                         in db: any StorageTransaction) throws {
        let member: (before: Member?, after: Member)?
        var note: ProvisioningLogRequest.Note?
        let update = prepared as? PreparedUserUpdate
        if let prepared = prepared as? PreparedProvisioning, case .created(let resource) = write, resource.kind == .user,
           try settings(tenant: tenant, in: db) == prepared.settings {
            // Mapped with the settings this transaction reads: what `provision` would compute.
            try commit(prepared.result, previous: nil, tenant: tenant, in: db, encoded: prepared.events)
            member = (nil, prepared.result.member)
            note = prepared.note
        } else if let update, case .updated(_, let after) = write, after.kind == .user {
            member = try self.update(after, tenant: tenant, at: date, in: db, prepared: update)
        } else {
            member = try applyToDomain(write, tenant: tenant, at: date, in: db)
        }
        // The provisioning log's entry of the SCIM request that asked for this write, in
        // the same transaction: a logged success is a committed one.
        if let log = SCIMWriteContext.current?.log {
            log.note(note ?? ProvisioningLogRequest.noting(write, member: member, changedAttributes: update?.changedAttributes),
                     audiences: try AudienceChangeSummary.changes(for: write, member: member, tenant: tenant, in: db))
            try log.record(status: log.successStatus, in: db)
        }
    }

    /// A User's create, prepared with the settings the tenant's latest write read: its
    /// member, events and log note. `nil` (the writer does it all) when no write of the
    /// tenant was seen yet, or when the transition refuses the draft (it throws again,
    /// in the transaction).
    func prepare(_ write: ResourceWrite, tenant: Store.TenantID, at date: Date) -> (any Sendable)? {
        if case .updated(let before, let after) = write, after.kind == .user {
            return prepareUpdate(before: before, after: after, tenant: tenant)
        }
        guard case .created(let resource) = write, resource.kind == .user,
              let settings = recentSettings[tenant] else { return nil }
        let draft = mapping.draft(id: resource.id, attributes: resource.attributes, mapping: settings.categoryMapping)
        guard let result = try? ProvisioningTransition.provision(draft, tenantID: tenant, settings: settings, at: date) else {
            return nil
        }
        let note = SCIMWriteContext.current?.log.map { _ in ProvisioningLogRequest.noting(write, member: (nil, result.member)) }
        return PreparedProvisioning(settings: settings, result: result, events: encodeEvents?(result.events), note: note)
    }

    /// A User's PATCH, prepared with the settings the tenant's latest write read: the draft
    /// of its new attributes and, when the request is logged, the attributes it changed.
    /// The member is read and moved in the transaction, as before: preparing it too (a
    /// read and a transition on the reader, compared again on the writer) cost more CPU
    /// than it saved (issue 10, round 4).
    private func prepareUpdate(before: StoredResource, after: StoredResource, tenant: Store.TenantID) -> PreparedUserUpdate? {
        guard let settings = recentSettings[tenant] else { return nil }
        let draft = mapping.draft(id: after.id, attributes: after.attributes, mapping: settings.categoryMapping)
        let changed = SCIMWriteContext.current?.log.map { _ in MemberChangeSummary.changedAttributes(before.attributes, after.attributes) }
        return PreparedUserUpdate(settings: settings, draft: draft, changedAttributes: changed)
    }

    /// First in every SCIM write's transaction: the check that the tenant's configuration
    /// the request was validated against still holds (``SCIMConfigurationCheck``).
    func writeBegins(tenant: Store.TenantID, in db: any StorageTransaction) throws {
        try SCIMWriteContext.current?.check?.verify(tenant: tenant, in: db)
    }

    /// The tenant's settings: as the write's configuration check read them in this
    /// transaction, else read now.
    private func settings(tenant: Store.TenantID, in db: any StorageTransaction) throws -> TenantSettings {
        let settings = try SCIMWriteContext.current?.check?.settings ?? db.settings.settings(tenant: tenant)
        recentSettings.keep(settings, for: tenant)
        return settings
    }

    /// The domain side of `write`; for a User, its member before and after.
    private func applyToDomain(_ write: ResourceWrite, tenant: Store.TenantID, at date: Date,
                               in db: any StorageTransaction) throws -> (before: Member?, after: Member)? {
        switch write {
        case .created(let resource) where resource.kind == .user:
            return try provision(resource, tenant: tenant, at: date, in: db)
        case .updated(_, let after) where after.kind == .user:
            return try update(after, tenant: tenant, at: date, in: db)
        case .deleted(let resource) where resource.kind == .user:
            return try deprovision(id: resource.id, tenant: tenant, at: date, in: db)
        case .created(let group):
            let added = group.members?.filter { $0.kind == .user }.map(\.value) ?? []
            try recordMembership(groupID: group.id, version: group.version, added: added, removed: [],
                                 tenant: tenant, at: date, in: db)
            return nil
        case .membersChanged(let groupID, let version, let added, let removed):
            try recordMembership(groupID: groupID, version: version, added: added, removed: removed,
                                 tenant: tenant, at: date, in: db)
            return nil
        case .deleted(let group):
            let header = EventHeader(tenantID: tenant, subject: group.id,
                                     sequence: Int(group.version) + 1, occurredAt: date)
            try db.outbox.append([.programAudienceBroken(ProgramAudienceBroken(header: header))])
            try onGroupDeleted?(group.id, tenant, date, db)
            return nil
        case .updated:
            return nil  // A Group's displayName or externalId: nothing the domain keeps.
        }
    }

    private func provision(_ resource: StoredResource, tenant: Store.TenantID, at date: Date,
                           in db: any StorageTransaction) throws -> (before: Member?, after: Member) {
        let settings = try settings(tenant: tenant, in: db)
        let draft = mapping.draft(id: resource.id, attributes: resource.attributes, mapping: settings.categoryMapping)
        let result = try ProvisioningTransition.provision(draft, tenantID: tenant,
                                                          settings: settings, at: date)
        try commit(result, previous: nil, tenant: tenant, in: db)
        return (nil, result.member)
    }

    /// `prepared`: the draft mapped before the transaction, used when mapped with the settings read here.
    private func update(_ resource: StoredResource, tenant: Store.TenantID, at date: Date,
                        in db: any StorageTransaction, prepared: PreparedUserUpdate? = nil) throws -> (before: Member?, after: Member) {
        guard let member = try db.members.member(id: MemberID(resource.id), tenant: tenant) else {
            // A User stored before members existed: it becomes one now.
            return try provision(resource, tenant: tenant, at: date, in: db)
        }
        let settings = try settings(tenant: tenant, in: db)
        let draft = prepared.flatMap { $0.settings == settings ? $0.draft : nil }
            ?? mapping.draft(id: resource.id, attributes: resource.attributes, mapping: settings.categoryMapping)
        let result = try ProvisioningTransition.applyFromIdP(member, with: draft, settings: settings, at: date)
        try commit(result, previous: member, tenant: tenant, in: db)
        if member.idpActive, !result.member.idpActive { try onMemberWithdrawn?(result.member, tenant, date, db) }
        return (member, result.member)
    }

    private func deprovision(id: String, tenant: Store.TenantID, at date: Date,
                             in db: any StorageTransaction) throws -> (before: Member?, after: Member)? {
        guard let member = try db.members.member(id: MemberID(id), tenant: tenant), member.lifecycle == .live else { return nil }
        let result = try ProvisioningTransition.deprovision(member, at: date)
        try commit(result, previous: member, tenant: tenant, in: db)
        try onMemberWithdrawn?(result.member, tenant, date, db)
        return (member, result.member)
    }

    /// Stores the member and its events (`encoded`: those events encoded beforehand);
    /// grows the catalog's known values only when the member's category values changed (a
    /// deactivation does not read the catalog).
    private func commit(_ result: TransitionResult, previous: Member?, tenant: Store.TenantID, in db: any StorageTransaction,
                        encoded: EncodedEvents? = nil) throws {
        guard result.changed else { return }
        if let previous {
            try db.members.save(result.member, replacing: previous)
        } else {
            try db.members.save(result.member)
        }
        if let encoded {
            try db.outbox.appendUncounted(encoded)
        } else {
            try db.outbox.appendUncounted(result.events)
        }
        if result.member.categoryValues != previous?.categoryValues {
            try db.categories.absorb(result.member.categoryValues, tenant: tenant)
        }
    }

    private func recordMembership(groupID: String, version: Int64, added: [String], removed: [String],
                                  tenant: Store.TenantID, at date: Date, in db: any StorageTransaction) throws {
        guard !added.isEmpty || !removed.isEmpty else { return }
        let header = EventHeader(tenantID: tenant, subject: groupID, sequence: Int(version),
                                 occurredAt: date)
        let event = GroupMembershipChanged(header: header, added: added.map(MemberID.init).sorted(),
                                           removed: removed.map(MemberID.init).sorted())
        try db.outbox.appendUncounted([.groupMembershipChanged(event)])
    }
}

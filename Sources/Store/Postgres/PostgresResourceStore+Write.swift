import FoundationEssentials
import SCIM

extension PostgresResourceStore {
    /// Stores a new User or Group (RFC 7644 §3.3); see ``ResourceStore/create(_:kind:tenant:)``.
    public func create(_ resource: JSONObject, kind: ResourceKind, tenant: TenantID) async throws -> StoredResource {
        let columns = try ResourceColumns(resource, kind: kind)
        let id = RandomID.make()
        let date = now()
        let stamp = Timestamp.string(from: date)
        // A User's create is known in full before the transaction: the observer prepares
        // what needs no database on this task, not on the writer.
        let user = kind == .user
            ? StoredResource(id: id, kind: kind, version: 1, created: stamp, lastModified: stamp,
                             attributes: columns.attributes, groups: []) : nil
        let prepared = user.flatMap { observer?.prepare(.created($0), tenant: tenant, at: date) }
        return try await store.write { db in
            try begin(tenant: tenant, in: db)
            let seq = try SQLiteResourceStore.mappingUniqueness { () throws -> Int64 in
                try db.queryOne("""
                    INSERT INTO scim_resources (tenant_id, id, resource_type, external_id, user_name, user_name_folded,
                        display_name, display_name_folded, active, version, created, last_modified, json)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10, $11) RETURNING seq
                    """, tenant, id, kind.rawValue, columns.externalID, columns.userName,
                    columns.userName.map(TextFolding.fold), columns.displayName, columns.displayName.map(TextFolding.fold),
                    columns.active, date, columns.json) { $0.int64(0) } ?? 0
            }
            try Self.insertEmails(columns.emails, seq: seq, tenant: tenant, in: db)
            if let user {
                try notify(.created(user), tenant: tenant, stamp: date, prepared: prepared, in: db)
                return user
            }
            var stored = StoredResource(id: id, kind: kind, version: 1, created: stamp, lastModified: stamp,
                                        attributes: columns.attributes)
            _ = try tables(db).addMembers(columns.memberIDs, displays: columns.memberDisplays, to: id, tenant: tenant)
            stored.members = try Self.members(of: id, tenant: tenant, in: db)
            try notify(.created(stored), tenant: tenant, stamp: date, in: db)
            return stored
        }
    }

    /// Replaces a resource (RFC 7644 §3.5.1); the result carries members or groups.
    public func replace(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?,
                        _ resource: JSONObject) async throws -> StoredResource {
        let columns = try ResourceColumns(resource, kind: kind)
        let date = now()
        return try await store.write { db in
            try begin(tenant: tenant, in: db)
            let current = try Self.rowForWrite(id: id, kind: kind, tenant: tenant, expectedVersion: expectedVersion, in: db)
            let change = SQLiteResourceStore.ResourceChange(columns: columns, replacedMembers: kind == .group ? columns.memberIDs : nil,
                                                            memberDisplays: columns.memberDisplays)
            return try tables(db).apply(change, to: current, tenant: tenant, date: date, members: .all)
        }
    }

    /// Read-modify-write in one transaction (RFC 7644 §3.5.2). `transform` may run more
    /// than once when the transaction loses a race; it must be a pure function of its input.
    ///
    /// A Group PATCH without `If-Match` first runs as a member change
    /// (``rowForMemberChange(id:tenant:in:)``): concurrent ones of one group (an identity
    /// provider adding and removing members) run side by side. When `transform` asks for
    /// more (new attributes, or the whole member list replaced), it runs again with the
    /// group locked for itself, as every other write does.
    public func modify(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?,
                       members inclusion: MemberInclusion,
                       _ transform: @escaping @Sendable (StoredResource) throws -> ResourceModification) async throws -> StoredResource {
        let date = now()
        if kind == .group, expectedVersion == nil {
            do {
                return try await store.write { db in
                    try begin(tenant: tenant, in: db)
                    let current = try Self.rowForMemberChange(id: id, tenant: tenant, in: db)
                    let change = try Self.change(transform, of: current, tenant: tenant, members: inclusion, in: db)
                    guard change.changesMembersOnly(of: current.resource) else { throw NeedsWholeGroup() }
                    return try tables(db).applyMembers(change, to: current, tenant: tenant, date: date, members: inclusion)
                }.resolved()
            } catch is NeedsWholeGroup {
                // Rolled back before anything was written: run as a write of the whole group.
            }
        }
        return try await store.write { db in
            try begin(tenant: tenant, in: db)
            let current = try Self.rowForWrite(id: id, kind: kind, tenant: tenant, expectedVersion: expectedVersion, in: db)
            let change = try Self.change(transform, of: current, tenant: tenant, members: inclusion, in: db)
            let tables = tables(db)
            return try tables.answer(tables.apply(change, to: current, tenant: tenant, date: date, members: .none),
                                     members: inclusion, tenant: tenant)
        }.resolved()
    }

    /// What `transform` makes of `current` (with its references when `inclusion` is `.all`).
    private static func change(_ transform: (StoredResource) throws -> ResourceModification,
                               of current: SQLiteResourceStore.ResourceRow, tenant: TenantID, members inclusion: MemberInclusion,
                               in db: PostgresConnection) throws -> SQLiteResourceStore.ResourceChange {
        var seen = current.resource
        if inclusion == .all { try attachReferences(to: &seen, tenant: tenant, in: db) }
        return try SQLiteResourceStore.ResourceChange(transform(seen), kind: current.resource.kind)
    }

    /// Deletes a resource (RFC 7644 §3.6); groups that lose it as a member get a new version.
    public func delete(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?) async throws {
        let date = now()
        try await store.write { db in
            try begin(tenant: tenant, in: db)
            let current = try Self.rowForWrite(id: id, kind: kind, tenant: tenant, expectedVersion: expectedVersion, in: db)
            if observer != nil {
                var deleted = current.resource
                try Self.attachReferences(to: &deleted, tenant: tenant, in: db)
                try notify(.deleted(deleted), tenant: tenant, stamp: date, in: db)
            }
            try db.execute("""
                UPDATE scim_resources SET version = version + 1, last_modified = $1
                WHERE tenant_id = $2 AND id IN (SELECT group_id FROM scim_group_members WHERE tenant_id = $2 AND member_id = $3)
                """, date, tenant, id)
            // Cascades to scim_emails and scim_group_members (both ends); a Group's change
            // rows have no foreign key (migration 0035) and go with it here.
            if kind == .group { try db.enqueue("DELETE FROM scim_resource_changes WHERE resource_seq = $1", current.seq) }
            try db.execute("DELETE FROM scim_resources WHERE seq = $1", current.seq)
        }
    }

    /// Inserts a User's `emails` rows, sent with the write's next statement (no constraint
    /// of theirs can fail but on a broken write, which rolls back as a whole).
    static func insertEmails(_ emails: [ResourceColumns.Email], seq: Int64, tenant: TenantID, in db: PostgresConnection) throws {
        for email in emails {
            try db.enqueue("""
                INSERT INTO scim_emails (resource_seq, tenant_id, value, value_folded, type, is_primary)
                VALUES ($1, $2, $3, $4, $5, $6)
                """, seq, tenant, email.value, email.value.map(TextFolding.fold), email.type, email.isPrimary)
        }
    }

    /// Thrown inside a member change whose `transform` asks for more than member rows: it
    /// rolls back, and the PATCH runs again as a write of the whole group.
    private struct NeedsWholeGroup: Error {}

    /// The SCIM tables of `db`'s write transaction, with this store's observer.
    func tables(_ db: PostgresConnection) -> PostgresResourceTables {
        PostgresResourceTables(db: db, observer: observer)
    }
}

/// PostgreSQL's statements for ``ResourceTableWriter``, in a serialisable transaction.
struct PostgresResourceTables: ResourceTableWriter {
    let db: PostgresConnection
    let observer: (any ResourceWriteObserver)?

    func memberIDs(of groupID: String, tenant: TenantID) throws -> Set<String> {
        Set(try db.query("SELECT member_id FROM scim_group_members WHERE tenant_id = $1 AND group_id = $2",
                         tenant, groupID) { $0.string(0) })
    }

    /// One statement per member: the member's type and name looked up (its row locked `FOR
    /// SHARE`: a rename waits for this write, or this write for the rename; migration 0037)
    /// and its row inserted (or its `display` updated). Whether the row is new is what the
    /// insert itself did (`xmax = 0`), not what an earlier read saw: member changes of one
    /// group run side by side, and of two adding one member, only the one whose row
    /// commits has added it.
    func addMembers(_ ids: [String], displays: [String: String], to groupID: String,
                    tenant: TenantID) throws -> (inserted: [String], changedRows: Int) {
        var inserted: [String] = []
        var changedRows = 0
        for id in ids {
            guard let (type, isNew) = try db.queryOne("""
                WITH target AS (SELECT resource_type, coalesce(display_name, user_name) AS name FROM scim_resources
                                WHERE tenant_id = $1 AND id = $3 FOR SHARE),
                written AS (
                    INSERT INTO scim_group_members (tenant_id, group_id, member_id, member_type, display, member_name)
                    SELECT $1, $2, $3, resource_type, $4, name FROM target
                    ON CONFLICT (tenant_id, group_id, member_id) DO UPDATE SET display = excluded.display
                    WHERE excluded.display IS NOT NULL AND scim_group_members.display IS DISTINCT FROM excluded.display
                    RETURNING xmax = 0 AS is_new)
                SELECT (SELECT resource_type FROM target), (SELECT is_new FROM written)
                """, tenant, groupID, id, displays[id], map: { ($0.optionalString(0), $0.isNull(1) ? nil : $0.bool(1)) }),
                  type != nil else {
                throw ResourceStoreError.unknownMember(id: id)
            }
            if let isNew {
                changedRows += 1
                if isNew { inserted.append(id) }
            }
        }
        return (inserted, changedRows)
    }

    func removeMembers(_ ids: [String], from groupID: String, tenant: TenantID) throws -> [String] {
        try ids.filter { id in
            try db.execute("DELETE FROM scim_group_members WHERE tenant_id = $1 AND group_id = $2 AND member_id = $3",
                           tenant, groupID, id) > 0
        }
    }

    func update(_ columns: ResourceColumns, changes: ResourceColumnChanges, kind: ResourceKind, seq: Int64,
                tenant: TenantID, at date: Date) throws {
        // PostgreSQL leaves an index alone when its columns keep their values (a HOT
        // update): only the emails rows are spared their rewrite.
        try SQLiteResourceStore.mappingUniqueness {
            try db.execute("""
                UPDATE scim_resources SET external_id = $1, user_name = $2, user_name_folded = $3, display_name = $4,
                    display_name_folded = $5, active = $6, version = version + 1, last_modified = $7, json = $8
                WHERE seq = $9
                """, columns.externalID, columns.userName, columns.userName.map(TextFolding.fold), columns.displayName,
                columns.displayName.map(TextFolding.fold), columns.active, date, columns.json, seq)
        }
        if changes.userName || changes.displayName {
            // The name its member rows keep (migration 0037), with the write's next statement.
            try db.enqueue("""
                UPDATE scim_group_members m SET member_name = $1 FROM scim_resources r
                WHERE r.seq = $2 AND m.tenant_id = r.tenant_id AND m.member_id = r.id AND m.member_name IS DISTINCT FROM $1
                """, columns.displayName ?? columns.userName, seq)
        }
        if kind == .user, changes.emails {
            try db.enqueue("DELETE FROM scim_emails WHERE resource_seq = $1", seq)
            try PostgresResourceStore.insertEmails(columns.emails, seq: seq, tenant: tenant, in: db)
        }
    }

    /// Inserts the change's row (migration 0027) instead of updating the group's: member
    /// changes of one group never wait on each other for its row. The version returned is
    /// the group's as this statement sees it: exact when the group is locked
    /// (``PostgresResourceStore/rowForWrite(id:kind:tenant:expectedVersion:in:)``); beside
    /// concurrent member changes, one not yet committed is not counted, so it may be
    /// behind the version the commit makes, never ahead: an `If-Match` with it fails
    /// (412), as one with any outdated ETag does. Every ``foldThreshold`` rows, folds
    /// them into the group's row.
    func touch(_ current: SQLiteResourceStore.ResourceRow, at date: Date) throws -> (version: Int64, change: Int64) {
        guard let (change, version, pending) = try db.queryOne("""
            WITH change AS (
                INSERT INTO scim_resource_changes (tenant_id, resource_seq, changed_at)
                SELECT tenant_id, seq, $2 FROM scim_resources WHERE seq = $1 RETURNING change_id),
            pending AS (SELECT count(*) AS count FROM scim_resource_changes WHERE resource_seq = $1)
            SELECT (SELECT change_id FROM change), r.version + pending.count + 1, pending.count + 1
            FROM scim_resources r, pending WHERE r.seq = $1
            """, current.seq, date, map: { ($0.int64(0), $0.int64(1), $0.int64(2)) }) else {
            throw ResourceStoreError.notFound
        }
        if pending >= Self.foldThreshold { try fold(seq: current.seq) }
        return (version, change)
    }

    /// How many change rows a group gathers before a write folds them into its row.
    static let foldThreshold: Int64 = 32

    /// Moves group `seq`'s committed change rows into its row (their count into
    /// `version`, the latest into `last_modified`) unless another write is folding them
    /// (`SKIP LOCKED`: it does not wait). A plain row update (`FOR NO KEY UPDATE`), which
    /// member changes (`FOR KEY SHARE`) do not wait for, nor it for them; every row is
    /// counted once, by the write whose `DELETE` removed it.
    func fold(seq: Int64) throws {
        try db.execute("""
            WITH locked AS (SELECT seq FROM scim_resources WHERE seq = $1 FOR NO KEY UPDATE SKIP LOCKED),
            folded AS (DELETE FROM scim_resource_changes c USING locked WHERE c.resource_seq = locked.seq
                       RETURNING c.changed_at)
            UPDATE scim_resources r SET version = r.version + (SELECT count(*) FROM folded),
                last_modified = greatest(r.last_modified, (SELECT max(changed_at) FROM folded))
            FROM locked WHERE r.seq = locked.seq
            """, seq)
    }

    /// `resource` as a write answers it, with what `inclusion` asks for of its members
    /// (a Group's) or groups (a User's) read with the transaction's `COMMIT`
    /// (``PostgresConnection/queryAtCommit(_:_:map:)``): the same rows as
    /// ``ResourceTableWriter/attach(_:to:tenant:)`` reads, one round trip fewer.
    func answer(_ resource: StoredResource, members inclusion: MemberInclusion,
                tenant: TenantID) throws -> PostgresWrittenResource {
        switch (inclusion, resource.kind) {
        case (.none, _):
            return PostgresWrittenResource(resource: resource)
        case (.atMost(let limit), .group):
            try db.enqueue(Self.genericPlanSQL)
            return PostgresWrittenResource(resource: resource, references: try db.queryAtCommit(
                PostgresResourceStore.membersSQL, tenant, resource.id, limit + 1, map: PostgresResourceStore.memberReference),
                limit: limit)
        case (.all, .group):
            try db.enqueue(Self.genericPlanSQL)
            return PostgresWrittenResource(resource: resource, references: try db.queryAtCommit(
                PostgresResourceStore.membersSQL, tenant, resource.id, nil, map: PostgresResourceStore.memberReference))
        case (_, .user):
            return PostgresWrittenResource(resource: resource, references: try db.queryAtCommit(
                PostgresResourceStore.groupsSQL, tenant, resource.id, map: PostgresResourceStore.groupReference))
        }
    }

    /// Sent before the answer's member list (with it and the `COMMIT`, no round trip of its
    /// own): PostgreSQL runs it on its one generic plan, which is the custom plans' (the
    /// member index, in order, up to the limit) whatever the group. Left to choose
    /// (`plan_cache_mode = auto`), it planned the list again at every membership PATCH of
    /// the benchmark (0.15 ms of the backend's CPU, `pg_stat_statements`): the generic
    /// plan's estimate for "a group" (the tenant's members over its few groups, a tenth of
    /// them under a parameter limit) costs more than a 100-member group's custom plan. For
    /// the rest of the transaction, which is its `COMMIT`.
    static let genericPlanSQL = "SET LOCAL plan_cache_mode = force_generic_plan"

    func attachReferences(to resource: inout StoredResource, tenant: TenantID) throws {
        try PostgresResourceStore.attachReferences(to: &resource, tenant: tenant, in: db)
    }

    func members(of groupID: String, tenant: TenantID, atMost limit: Int) throws -> [MemberReference]? {
        let members = try PostgresResourceStore.members(of: groupID, tenant: tenant, limit: limit + 1, in: db)
        return members.count <= limit ? members : nil
    }

    func notify(_ write: ResourceWrite, tenant: TenantID, at date: Date, prepared: (any Sendable)?) throws {
        try observer?.resourceWritten(write, tenant: tenant, at: date, prepared: prepared, in: PostgresTransaction(db, writes: true))
    }
}

extension SQLiteResourceStore.ResourceChange {
    /// Whether the change adds or removes member rows only: neither new attributes nor
    /// the whole member list replaced (which must read the group's members under its lock).
    func changesMembersOnly(of resource: StoredResource) -> Bool {
        replacedMembers == nil && (columns == nil || columns?.attributes == resource.attributes)
    }
}

import FoundationEssentials
import SCIM

extension SQLiteResourceStore {
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
        return try await batcher.write { db in
            try begin(tenant: tenant, in: db)
            let seq = try Self.mappingUniqueness { () throws -> Int64 in
                try db.execute("""
                    INSERT INTO scim_resources (tenant_id, id, resource_type, external_id, user_name, user_name_folded,
                        display_name, display_name_folded, active, version, created, last_modified, json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
                    """, tenant.rawValue, id, kind.rawValue, columns.externalID, columns.userName,
                    columns.userName.map(TextFolding.fold), columns.displayName, columns.displayName.map(TextFolding.fold),
                    columns.active, stamp, stamp, columns.json)
                return db.lastInsertRowID
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

    /// Replaces a resource (RFC 7644 §3.5.1); see ``ResourceStore/replace(id:kind:tenant:expectedVersion:_:)``.
    /// The result carries members (Groups) or groups (Users).
    public func replace(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?,
                        _ resource: JSONObject) async throws -> StoredResource {
        let columns = try ResourceColumns(resource, kind: kind)
        let date = now()
        return try await batcher.write { db in
            try begin(tenant: tenant, in: db)
            let current = try Self.rowForWrite(id: id, kind: kind, tenant: tenant, expectedVersion: expectedVersion, in: db)
            let change = ResourceChange(columns: columns, replacedMembers: kind == .group ? columns.memberIDs : nil,
                                        memberDisplays: columns.memberDisplays)
            return try tables(db).apply(change, to: current, tenant: tenant, date: date, members: .all)
        }
    }

    /// Read-modify-write in one transaction (RFC 7644 §3.5.2); see
    /// ``ResourceStore/modify(id:kind:tenant:expectedVersion:members:_:)``.
    public func modify(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?,
                       members inclusion: MemberInclusion,
                       _ transform: @escaping @Sendable (StoredResource) throws -> ResourceModification) async throws -> StoredResource {
        let date = now()
        let prepared = kind == .user
            ? try await prepare(id: id, kind: kind, tenant: tenant, expectedVersion: expectedVersion,
                                groups: inclusion == .all, at: date, transform) : nil
        return try await batcher.write { db in
            try begin(tenant: tenant, in: db)
            if let prepared, try Self.version(id: id, kind: kind, tenant: tenant, in: db) == prepared.row.resource.version {
                return try tables(db).apply(prepared.change, to: prepared.row, tenant: tenant, date: date, members: inclusion,
                                            prepared: prepared.observed)
            }
            // No snapshot to trust (changed since, absent, or the transform failed on it):
            // read and transform here, as every write did before.
            let current = try Self.rowForWrite(id: id, kind: kind, tenant: tenant, expectedVersion: expectedVersion, in: db)
            var seen = current.resource
            if inclusion == .all { try Self.attachReferences(to: &seen, tenant: tenant, in: db) }
            let change = try ResourceChange(transform(seen), kind: kind)
            return try tables(db).apply(change, to: current, tenant: tenant, date: date, members: inclusion)
        }
    }

    /// A User's PATCH computed on a reader's snapshot, before the writer: the stored row
    /// read and decoded, `transform` run and its attributes turned into columns (JSON
    /// encoded, values folded) — most of a PATCH's CPU, which the single writer thread no
    /// longer spends. The writer applies it only while the row still has the version it
    /// was computed from (one indexed read); otherwise, and whenever the snapshot has no
    /// usable answer (row absent, `If-Match` not met, `transform` throwing), it is `nil`
    /// or set aside and the writer reads and transforms itself, so errors, the `If-Match`
    /// check and the configuration check in ``begin(tenant:in:)`` stay the writer's.
    /// With `groups`, `transform` sees the User's groups as the snapshot has them (a
    /// User's version does not follow its groups, but a User's PATCH cannot change them:
    /// the writer reads them again for the answer).
    /// When the change gives the row new attributes, the observer prepares the `.updated`
    /// write the writer will notify at `date` (``ResourceWriteObserver/prepare(_:tenant:at:)``),
    /// after the read, on this task.
    func prepare(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?, groups: Bool, at date: Date,
                 _ transform: @escaping @Sendable (StoredResource) throws -> ResourceModification) async throws -> PreparedChange? {
        let read = try await database.read { db -> PreparedChange? in
            guard let current = try Self.row(id: id, kind: kind, tenant: tenant, in: db),
                  expectedVersion == nil || expectedVersion == current.resource.version else { return nil }
            var seen = current.resource
            if groups { try Self.attachReferences(to: &seen, tenant: tenant, in: db) }
            guard let change = try? ResourceChange(transform(seen), kind: kind) else { return nil }
            return PreparedChange(row: current, change: change)
        }
        guard var prepared = read, let observer, let columns = prepared.change.columns,
              columns.attributes != prepared.row.resource.attributes else { return read }
        // The write `ResourceTableWriter.apply` notifies when it applies this change to this row.
        var after = prepared.row.resource
        after.attributes = columns.attributes
        after.version += 1
        after.lastModified = Timestamp.string(from: date)
        prepared.observed = observer.prepare(.updated(before: prepared.row.resource, after: after), tenant: tenant, at: date)
        return prepared
    }

    /// A change computed before the write (``prepare(id:kind:tenant:expectedVersion:groups:at:_:)``)
    /// and the row, at its version, it was computed from; with what the observer prepared
    /// for the write it makes, if anything.
    struct PreparedChange: Sendable {
        var row: ResourceRow
        var change: ResourceChange
        var observed: (any Sendable)?
    }

    /// Deletes a resource (RFC 7644 §3.6); see ``ResourceStore/delete(id:kind:tenant:expectedVersion:)``.
    public func delete(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?) async throws {
        let date = now()
        let stamp = Timestamp.string(from: date)
        try await batcher.write { db in
            try begin(tenant: tenant, in: db)
            let current = try Self.rowForWrite(id: id, kind: kind, tenant: tenant, expectedVersion: expectedVersion, in: db)
            if observer != nil {
                var deleted = current.resource
                try Self.attachReferences(to: &deleted, tenant: tenant, in: db)
                try notify(.deleted(deleted), tenant: tenant, stamp: date, in: db)
            }
            // The groups that lose this member change: their ETags must too.
            try db.execute("""
                UPDATE scim_resources SET version = version + 1, last_modified = ?
                WHERE tenant_id = ? AND id IN (SELECT group_id FROM scim_group_members WHERE tenant_id = ? AND member_id = ?)
                """, stamp, tenant.rawValue, tenant.rawValue, id)
            // Cascades to scim_emails and scim_group_members (both ends).
            try db.execute("DELETE FROM scim_resources WHERE seq = ?", current.seq)
        }
    }

    // MARK: - Applying a change

    /// A write to apply to a stored resource, ids lower-cased.
    struct ResourceChange {
        var columns: ResourceColumns?
        var replacedMembers: [String]?
        var addedMembers: [String] = []
        var removedMembers: [String] = []
        /// The `display` a client sent, by lower-cased member id.
        var memberDisplays: [String: String] = [:]

        init(columns: ResourceColumns?, replacedMembers: [String]?, addedMembers: [String] = [],
             removedMembers: [String] = [], memberDisplays: [String: String] = [:]) {
            self.columns = columns
            self.replacedMembers = replacedMembers
            self.addedMembers = addedMembers
            self.removedMembers = removedMembers
            self.memberDisplays = memberDisplays
        }

        /// The change a PATCH's `modification` asks of a resource of `kind`, after the
        /// checks every backend makes (display sizes; only Groups have members).
        init(_ modification: ResourceModification, kind: ResourceKind) throws {
            try ResourceSizeLimits.check(memberDisplays: modification.memberDisplays.values)
            if kind == .user, !modification.addedMembers.isEmpty || !modification.removedMembers.isEmpty
                || modification.replacedMembers != nil {
                throw ResourceStoreError.invalidResource("Only Groups have members; a User's 'groups' is read-only.")
            }
            self.init(
                columns: try modification.attributes.map { attributes throws(ResourceStoreError) in
                    try ResourceColumns(attributes, kind: kind)
                },
                replacedMembers: modification.replacedMembers.map { ids in ids.map { $0.lowercased() } },
                addedMembers: modification.addedMembers.map { $0.lowercased() },
                removedMembers: modification.removedMembers.map { $0.lowercased() },
                memberDisplays: Dictionary(modification.memberDisplays.map { ($0.key.lowercased(), $0.value) },
                                           uniquingKeysWith: { _, last in last }))
        }
    }

    /// Inserts a User's `emails` rows.
    static func insertEmails(_ emails: [ResourceColumns.Email], seq: Int64, tenant: TenantID, in db: Connection) throws {
        for email in emails {
            try db.execute("""
                INSERT INTO scim_emails (resource_seq, tenant_id, value, value_folded, type, is_primary)
                VALUES (?, ?, ?, ?, ?, ?)
                """, seq, tenant.rawValue, email.value, email.value.map(TextFolding.fold), email.type, email.isPrimary)
        }
    }

    /// The SCIM tables of `db`'s write transaction, with this store's observer.
    func tables(_ db: Connection) -> SQLiteResourceTables {
        SQLiteResourceTables(db: db, observer: observer)
    }
}

/// SQLite's statements for ``ResourceTableWriter``, on the writer's connection.
struct SQLiteResourceTables: ResourceTableWriter {
    let db: Connection
    let observer: (any ResourceWriteObserver)?

    func memberIDs(of groupID: String, tenant: TenantID) throws -> Set<String> {
        Set(try db.query("SELECT member_id FROM scim_group_members WHERE tenant_id = ? AND group_id = ?",
                         tenant.rawValue, groupID) { $0.string(0) })
    }

    func addMembers(_ ids: [String], displays: [String: String], to groupID: String,
                    tenant: TenantID) throws -> (inserted: [String], changedRows: Int) {
        var inserted: [String] = []
        var changedRows = 0
        for id in ids {
            guard let (type, present) = try db.queryOne("""
                SELECT resource_type, EXISTS (SELECT 1 FROM scim_group_members WHERE tenant_id = ?1 AND group_id = ?3
                    AND member_id = ?2)
                FROM scim_resources WHERE tenant_id = ?1 AND id = ?2
                """, tenant.rawValue, id, groupID, map: { ($0.string(0), $0.bool(1)) }) else {
                throw ResourceStoreError.unknownMember(id: id)
            }
            try db.execute("""
                INSERT INTO scim_group_members (tenant_id, group_id, member_id, member_type, display) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET display = excluded.display
                WHERE excluded.display IS NOT NULL AND scim_group_members.display IS NOT excluded.display
                """, tenant.rawValue, groupID, id, type, displays[id])
            changedRows += db.changes
            if !present { inserted.append(id) }
        }
        return (inserted, changedRows)
    }

    func removeMembers(_ ids: [String], from groupID: String, tenant: TenantID) throws -> [String] {
        var deleted: [String] = []
        for id in ids {
            try db.execute("DELETE FROM scim_group_members WHERE tenant_id = ? AND group_id = ? AND member_id = ?",
                           tenant.rawValue, groupID, id)
            if db.changes > 0 { deleted.append(id) }
        }
        return deleted
    }

    func update(_ columns: ResourceColumns, changes: ResourceColumnChanges, kind: ResourceKind, seq: Int64,
                tenant: TenantID, at date: Date) throws {
        // Only the columns that change are set: SQLite rewrites the entries of every index
        // on a column the statement names, whatever its value.
        var assignments: [String] = []
        var values: [any SQLBindable] = []
        if changes.externalID {
            assignments.append("external_id = ?")
            values.append(columns.externalID)
        }
        if changes.userName {
            assignments += ["user_name = ?", "user_name_folded = ?"]
            values += [columns.userName, columns.userName.map(TextFolding.fold)] as [any SQLBindable]
        }
        if changes.displayName {
            assignments += ["display_name = ?", "display_name_folded = ?"]
            values += [columns.displayName, columns.displayName.map(TextFolding.fold)] as [any SQLBindable]
        }
        if changes.active {
            assignments.append("active = ?")
            values.append(columns.active)
        }
        assignments += ["version = version + 1", "last_modified = ?", "json = ?"]
        values += [Timestamp.string(from: date), columns.json, seq] as [any SQLBindable]
        let sql = "UPDATE scim_resources SET \(assignments.joined(separator: ", ")) WHERE seq = ?"
        try SQLiteResourceStore.mappingUniqueness {
            let statement = try db.cachedStatement(sql)
            try statement.bind(values)
            try statement.execute()
        }
        if kind == .user, changes.emails {
            try db.execute("DELETE FROM scim_emails WHERE resource_seq = ?", seq)
            try SQLiteResourceStore.insertEmails(columns.emails, seq: seq, tenant: tenant, in: db)
        }
    }

    func touch(_ current: SQLiteResourceStore.ResourceRow, at date: Date) throws -> (version: Int64, change: Int64) {
        try db.execute("UPDATE scim_resources SET version = version + 1, last_modified = ? WHERE seq = ?",
                       Timestamp.string(from: date), current.seq)
        // One writer: the row read in this transaction is the current one.
        return (current.resource.version + 1, current.resource.version + 1)
    }

    func attachReferences(to resource: inout StoredResource, tenant: TenantID) throws {
        try SQLiteResourceStore.attachReferences(to: &resource, tenant: tenant, in: db)
    }

    func members(of groupID: String, tenant: TenantID, atMost limit: Int) throws -> [MemberReference]? {
        try SQLiteResourceStore.members(of: groupID, tenant: tenant, atMost: limit, in: db)
    }

    func notify(_ write: ResourceWrite, tenant: TenantID, at date: Date, prepared: (any Sendable)?) throws {
        try observer?.resourceWritten(write, tenant: tenant, at: date, prepared: prepared, in: SQLiteTransaction(db))
    }
}

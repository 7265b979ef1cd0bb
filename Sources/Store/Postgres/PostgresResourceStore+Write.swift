import FoundationEssentials
import SCIM

extension PostgresResourceStore {
    /// Stores a new User or Group (RFC 7644 §3.3); see ``ResourceStore/create(_:kind:tenant:)``.
    public func create(_ resource: JSONObject, kind: ResourceKind, tenant: TenantID) async throws -> StoredResource {
        let columns = try ResourceColumns(resource, kind: kind)
        let id = RandomID.make()
        let date = now()
        let stamp = Timestamp.string(from: date)
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
            var stored = StoredResource(id: id, kind: kind, version: 1, created: stamp, lastModified: stamp,
                                        attributes: columns.attributes)
            switch kind {
            case .group:
                _ = try tables(db).addMembers(columns.memberIDs, displays: columns.memberDisplays, to: id, tenant: tenant)
                stored.members = try Self.members(of: id, tenant: tenant, in: db)
            case .user:
                stored.groups = []
            }
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
    public func modify(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?,
                       members inclusion: MemberInclusion,
                       _ transform: @escaping @Sendable (StoredResource) throws -> ResourceModification) async throws -> StoredResource {
        let date = now()
        return try await store.write { db in
            try begin(tenant: tenant, in: db)
            let current = try Self.rowForWrite(id: id, kind: kind, tenant: tenant, expectedVersion: expectedVersion, in: db)
            var seen = current.resource
            if inclusion == .all { try Self.attachReferences(to: &seen, tenant: tenant, in: db) }
            let change = try SQLiteResourceStore.ResourceChange(transform(seen), kind: kind)
            return try tables(db).apply(change, to: current, tenant: tenant, date: date, members: inclusion)
        }
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
            // Cascades to scim_emails and scim_group_members (both ends).
            try db.execute("DELETE FROM scim_resources WHERE seq = $1", current.seq)
        }
    }

    /// Inserts a User's `emails` rows.
    static func insertEmails(_ emails: [ResourceColumns.Email], seq: Int64, tenant: TenantID, in db: PostgresConnection) throws {
        for email in emails {
            try db.execute("""
                INSERT INTO scim_emails (resource_seq, tenant_id, value, value_folded, type, is_primary)
                VALUES ($1, $2, $3, $4, $5, $6)
                """, seq, tenant, email.value, email.value.map(TextFolding.fold), email.type, email.isPrimary)
        }
    }

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

    func addMembers(_ ids: [String], displays: [String: String], to groupID: String,
                    tenant: TenantID) throws -> (inserted: [String], changedRows: Int) {
        var inserted: [String] = []
        var changedRows = 0
        for id in ids {
            guard let (type, present) = try db.queryOne("""
                SELECT resource_type, EXISTS (SELECT 1 FROM scim_group_members WHERE tenant_id = $1 AND group_id = $3
                    AND member_id = $2)
                FROM scim_resources WHERE tenant_id = $1 AND id = $2
                """, tenant, id, groupID, map: { ($0.string(0), $0.bool(1)) }) else {
                throw ResourceStoreError.unknownMember(id: id)
            }
            changedRows += try db.execute("""
                INSERT INTO scim_group_members (tenant_id, group_id, member_id, member_type, display) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (tenant_id, group_id, member_id) DO UPDATE SET display = excluded.display
                WHERE excluded.display IS NOT NULL AND scim_group_members.display IS DISTINCT FROM excluded.display
                """, tenant, groupID, id, type, displays[id])
            if !present { inserted.append(id) }
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
        if kind == .user, changes.emails {
            try db.execute("DELETE FROM scim_emails WHERE resource_seq = $1", seq)
            try PostgresResourceStore.insertEmails(columns.emails, seq: seq, tenant: tenant, in: db)
        }
    }

    func touch(seq: Int64, at date: Date) throws {
        try db.execute("UPDATE scim_resources SET version = version + 1, last_modified = $1 WHERE seq = $2", date, seq)
    }

    func attachReferences(to resource: inout StoredResource, tenant: TenantID) throws {
        try PostgresResourceStore.attachReferences(to: &resource, tenant: tenant, in: db)
    }

    func members(of groupID: String, tenant: TenantID, limit: Int) throws -> [MemberReference] {
        try PostgresResourceStore.members(of: groupID, tenant: tenant, limit: limit, in: db)
    }

    func notify(_ write: ResourceWrite, tenant: TenantID, at date: Date) throws {
        try observer?.resourceWritten(write, tenant: tenant, at: date, in: PostgresTransaction(db, writes: true))
    }
}

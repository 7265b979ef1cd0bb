import FoundationEssentials
import SCIM

/// The PostgreSQL implementation of ``ResourceStore``: SCIM Users and Groups in the
/// tables of migration 0002, with the ``ResourceWriteObserver`` writing the domain rows in
/// the same transaction. Writes run at `READ COMMITTED` and lock the resource they change
/// first (`SELECT … FOR UPDATE`), so two writes of one resource — two PATCHes of a group
/// through two instances — run one after the other and lose nothing, while writes of
/// different resources never fail on each other (as `SERIALIZABLE` made them do, on shared
/// index pages); the observer's lookups by id lock too. A deadlock is run again.
///
/// Lists: unfiltered ones count and page in SQL (sorted or not). A filtered list selects
/// its candidates in SQL — through the folded, indexed columns when the filter requires
/// `userName` or `displayName` to equal a value (an identity provider's lookups) — and
/// ``FilterEvaluator`` decides on each, at most ``SQLiteResourceStore/Configuration/maxCandidates``
/// of them (beyond, `tooMany`). Translating the whole filter AST into PostgreSQL is the
/// next step (issue 11).
public struct PostgresResourceStore: ResourceStore {
    /// The limits (the SQLite store's, with the same defaults).
    public typealias Configuration = SQLiteResourceStore.Configuration

    /// The database.
    let store: PostgresStore
    /// The limits in force.
    public let configuration: Configuration
    /// Runs inside every write transaction (provisioning), if set.
    let observer: (any ResourceWriteObserver)?
    let now: @Sendable () -> Date

    /// A resource store over `store`'s connections, with an optional observer that writes
    /// into each SCIM change's transaction.
    public init(store: PostgresStore, configuration: Configuration = Configuration(),
                observer: (any ResourceWriteObserver)? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.configuration = configuration
        self.observer = observer
        self.now = now
    }

    /// Tells the observer, if any, about `write`, in the same transaction.
    func notify(_ write: ResourceWrite, tenant: TenantID, stamp: Date, prepared: (any Sendable)? = nil,
                in db: PostgresConnection) throws {
        try observer?.resourceWritten(write, tenant: tenant, at: stamp, prepared: prepared, in: PostgresTransaction(db, writes: true))
    }

    /// Lets the observer, if any, check the write's preconditions first in its transaction.
    func begin(tenant: TenantID, in db: PostgresConnection) throws {
        try observer?.writeBegins(tenant: tenant, in: PostgresTransaction(db, writes: true))
    }

    // MARK: - Rows

    /// The columns `resourceRow` reads, on alias `r`.
    static let columns = "r.seq, r.id, r.resource_type, \(version), r.created, \(lastModified), r.json"

    /// A resource's version: its row's, plus a Group's membership changes not yet folded
    /// into it (migration 0027, ``PostgresResourceTables/touch(_:at:)``). One snapshot
    /// sees a change either as its row or folded into the group's, never as both.
    static let version = """
        r.version + CASE WHEN r.resource_type = 'Group' THEN \
        (SELECT count(*) FROM scim_resource_changes c WHERE c.resource_seq = r.seq) ELSE 0 END
        """

    /// A resource's `meta.lastModified`: its row's, or a Group's latest membership change.
    static let lastModified = "CASE WHEN r.resource_type = 'Group' THEN \(groupLastModified) ELSE r.last_modified END"

    /// A Group's `meta.lastModified`: its row's, or its latest membership change.
    static let groupLastModified = """
        greatest(r.last_modified, (SELECT max(c.changed_at) FROM scim_resource_changes c WHERE c.resource_seq = r.seq))
        """

    static func resourceRow(_ row: PostgresRow) throws -> SQLiteResourceStore.ResourceRow {
        guard let kind = ResourceKind(rawValue: row.string(2)) else {
            throw StoreError(code: .corrupt, message: "unknown resource_type in scim_resources")
        }
        let json = Array(row.string(6).utf8)
        guard case .object(let attributes)? = try? JSONParser.parse(json) else {
            throw StoreError(code: .corrupt, message: "stored resource JSON does not parse as an object")
        }
        return SQLiteResourceStore.ResourceRow(seq: row.int64(0), resource: StoredResource(
            id: row.string(1), kind: kind, version: row.int64(3), created: Timestamp.string(from: try row.date(4)),
            lastModified: Timestamp.string(from: try row.date(5)), attributes: attributes), bytes: json.count)
    }

    /// The resource `id` of `kind` in `tenant`, or `nil`.
    static func row(id: String, kind: ResourceKind, tenant: TenantID,
                    in db: PostgresConnection) throws -> SQLiteResourceStore.ResourceRow? {
        try db.queryOne("""
            SELECT \(columns) FROM scim_resources r WHERE r.tenant_id = $1 AND r.id = $2 AND r.resource_type = \(kind.sqlLiteral)
            """, tenant, id, map: resourceRow)
    }

    /// The row to write, after the `If-Match` check (RFC 7644 §3.14), locked for the
    /// transaction (`FOR UPDATE`: no other write of it runs until this one ends, not even
    /// a member change, whose ``rowForMemberChange(id:tenant:in:)`` lock conflicts).
    ///
    /// A Group is locked first, then read by a second statement: a statement that waited
    /// for the lock sees the row as it is after the wait, but the group's change rows as
    /// they were when it started, so its version could be behind.
    static func rowForWrite(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?,
                            in db: PostgresConnection) throws -> SQLiteResourceStore.ResourceRow {
        let select = """
            SELECT \(columns) FROM scim_resources r WHERE r.tenant_id = $1 AND r.id = $2 AND r.resource_type = \(kind.sqlLiteral)
            """
        let row: SQLiteResourceStore.ResourceRow?
        if kind == .group {
            guard try db.queryOne("""
                SELECT 1 FROM scim_resources r WHERE r.tenant_id = $1 AND r.id = $2 AND r.resource_type = 'Group' FOR UPDATE
                """, tenant, id, map: { $0.int(0) }) != nil else { throw ResourceStoreError.notFound }
            row = try db.queryOne(select, tenant, id, map: resourceRow)
        } else {
            row = try db.queryOne(select + " FOR UPDATE", tenant, id, map: resourceRow)
        }
        guard let current = row else { throw ResourceStoreError.notFound }
        if let expectedVersion, expectedVersion != current.resource.version {
            throw ResourceStoreError.versionMismatch(current: current.resource.version)
        }
        return current
    }

    /// A Group whose membership only is to change (no `If-Match`), with a `FOR KEY SHARE`
    /// lock: member changes of one group hold it side by side (as the foreign keys of
    /// their member rows do anyway), while a write that replaces the group
    /// (``rowForWrite(id:kind:tenant:expectedVersion:in:)``, `FOR UPDATE`) waits for them,
    /// and they for it.
    static func rowForMemberChange(id: String, tenant: TenantID,
                                   in db: PostgresConnection) throws -> SQLiteResourceStore.ResourceRow {
        guard let current = try db.queryOne("""
            SELECT \(columns) FROM scim_resources r WHERE r.tenant_id = $1 AND r.id = $2 AND r.resource_type = 'Group'
            FOR KEY SHARE
            """, tenant, id, map: resourceRow) else {
            throw ResourceStoreError.notFound
        }
        return current
    }

    // MARK: - Memberships

    /// A Group's members with their `display`, ordered by id; the first `limit` when given.
    static func members(of groupID: String, tenant: TenantID, limit: Int? = nil,
                        in db: PostgresConnection) throws -> [MemberReference] {
        // The page of member rows, each one's name looked up by the resource's unique index
        // only when the row has no `display` of its own (a subquery per row, never a join:
        // as a plain join, PostgreSQL hashed the whole tenant's scim_resources, a sequential
        // scan of 1 ms at 9,000 users, for a 100-member group). PostgreSQL plans this
        // statement again at every run (its generic plan, made for a group of average size,
        // never wins over the custom one); one table to plan instead of a lateral join
        // halved that (0.14 → 0.07 ms a run, issue 11). Every member row has its resource
        // (a foreign key), so the subquery always finds it.
        try db.query(membersSQL, tenant, groupID, limit, map: memberReference)
    }

    /// ``members(of:tenant:limit:in:)``'s statement: $1 tenant, $2 group id, $3 limit (`NULL`: all).
    static let membersSQL = """
        SELECT m.member_id, m.member_type, coalesce(m.display, m.member_name)
        FROM scim_group_members m WHERE m.tenant_id = $1 AND m.group_id = $2
        ORDER BY m.member_id COLLATE "C" LIMIT $3
        """

    /// A row of ``membersSQL``.
    static func memberReference(_ row: PostgresRow) -> MemberReference {
        MemberReference(value: row.string(0), kind: ResourceKind(rawValue: row.string(1)) ?? .user,
                        display: row.optionalString(2))
    }

    /// The Groups `memberID` belongs to directly, ordered by id.
    static func groups(of memberID: String, tenant: TenantID, in db: PostgresConnection) throws -> [MemberReference] {
        try db.query(groupsSQL, tenant, memberID, map: groupReference)
    }

    /// ``groups(of:tenant:in:)``'s statement: $1 tenant, $2 member id.
    static let groupsSQL = """
        SELECT m.group_id, x.display_name
        FROM scim_group_members m JOIN scim_resources x ON x.tenant_id = m.tenant_id AND x.id = m.group_id
        WHERE m.tenant_id = $1 AND m.member_id = $2 ORDER BY m.group_id COLLATE "C"
        """

    /// A row of ``groupsSQL``.
    static func groupReference(_ row: PostgresRow) -> MemberReference {
        MemberReference(value: row.string(0), kind: .group, display: row.optionalString(1))
    }

    /// Loads a Group's `members` or a User's `groups` into `resource`.
    static func attachReferences(to resource: inout StoredResource, tenant: TenantID, in db: PostgresConnection) throws {
        switch resource.kind {
        case .group: resource.members = try members(of: resource.id, tenant: tenant, in: db)
        case .user: resource.groups = try groups(of: resource.id, tenant: tenant, in: db)
        }
    }

    // MARK: - Reads

    public func get(id: String, kind: ResourceKind, tenant: TenantID, includeMembers: Bool) async throws -> StoredResource? {
        try await store.read { db in
            guard var resource = try Self.row(id: id, kind: kind, tenant: tenant, in: db)?.resource else { return nil }
            if includeMembers { try Self.attachReferences(to: &resource, tenant: tenant, in: db) }
            return resource
        }
    }

    public func group(id: String, tenant: TenantID, memberLimit: Int) async throws -> StoredResource? {
        try await store.read { db in
            guard var resource = try Self.row(id: id, kind: .group, tenant: tenant, in: db)?.resource else { return nil }
            let members = try Self.members(of: id, tenant: tenant, limit: memberLimit + 1, in: db)
            if members.count <= memberLimit { resource.members = members }
            return resource
        }
    }
}

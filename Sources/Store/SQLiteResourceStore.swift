import FoundationEssentials
import SCIM

/// The SQLite implementation of ``ResourceStore``, over one `SQLiteDatabase` migrated
/// with `StoreSchema` (tables `scim_resources`, `scim_emails`, `scim_group_members`).
///
/// Writes go through a ``WriteBatcher`` (group commit: one fsync for the requests that
/// arrive together); reads through the database's reader pool. The work that needs no
/// database (JSON serialization, folding, timestamps, ids) happens on the caller's task
/// before a write is queued, so the single writer does little more than `sqlite3_step`.
///
/// Make one per database at start-up and share it: its batcher and order index are
/// per instance (several instances stay correct, but batch and seek less).
public struct SQLiteResourceStore: ResourceStore {
    /// Limits, each documented with its default.
    public struct Configuration: Sendable {
        /// The most resources a filter that SQL cannot fully express may be evaluated on
        /// in memory; beyond it, `list` throws `tooMany`. Default: 10,000.
        public var maxCandidates = 10_000
        /// The most stored JSON those candidates may hold together; beyond it, `list`
        /// throws `tooMany` too, so in-memory filtering stays bounded in memory whatever
        /// the resources' sizes. Default: 64 MiB.
        public var maxCandidateBytes = 64 * 1024 * 1024
        /// The largest page `list` returns, whatever `count` asks. Default: 1,000.
        public var maxPageSize = 1_000
        /// The most a list page may carry: stored JSON, plus an estimate per member or
        /// group (``PageBudget``). A page stops before the resource that would pass it, so
        /// `itemsPerPage` says how many came; it always holds its first resource, which
        /// ``ResourceSizeLimits`` bound. Default: 8 MiB.
        public var maxPageBytes = 8 * 1024 * 1024
        /// The most write requests in one transaction (``WriteBatcher``). Default: 64.
        public var maxBatchSize = 64

        /// The defaults documented on each property.
        public init() {}
    }

    /// The database the store reads and writes.
    public let database: SQLiteDatabase
    /// The limits in force.
    public let configuration: Configuration
    /// The group-commit writer; other writers of the same database (the admin API, CSV
    /// imports) share it, so one connection writes and batches stay large.
    public let batcher: WriteBatcher
    let order = OrderIndexCache()
    let now: @Sendable () -> Date
    /// Runs inside every write transaction (provisioning), if set.
    let observer: (any ResourceWriteObserver)?

    /// A store over an open, migrated database, with an injectable clock and an optional
    /// observer that writes into each SCIM change's transaction.
    public init(database: SQLiteDatabase, configuration: Configuration = Configuration(),
                observer: (any ResourceWriteObserver)? = nil,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.configuration = configuration
        self.batcher = WriteBatcher(database: database, maxBatchSize: configuration.maxBatchSize)
        self.observer = observer
        self.now = now
    }

    /// The batcher's transactions, batch sizes and timings.
    public var writeStatistics: WriteStatistics? { batcher.statistics }

    /// Tells the observer, if any, about `write`.
    func notify(_ write: ResourceWrite, tenant: TenantID, stamp: Date, prepared: (any Sendable)? = nil,
                in db: Connection) throws {
        try observer?.resourceWritten(write, tenant: tenant, at: stamp, prepared: prepared, in: SQLiteTransaction(db))
    }

    /// Lets the observer, if any, check the write's preconditions first in its transaction.
    func begin(tenant: TenantID, in db: Connection) throws {
        try observer?.writeBegins(tenant: tenant, in: SQLiteTransaction(db))
    }

    // MARK: - Rows

    /// One row of `scim_resources` with its stable order key.
    struct ResourceRow: Sendable {
        var seq: Int64
        var resource: StoredResource
        /// The size of its stored JSON, for ``PageBudget``.
        var bytes: Int
    }

    /// The columns `resourceRow` reads, on alias `r`.
    static let columns = "r.seq, r.id, r.resource_type, r.version, r.created, r.last_modified, r.json"

    static func resourceRow(_ row: Row) throws -> ResourceRow {
        guard let kind = ResourceKind(rawValue: row.string(2)) else {
            throw StoreError(code: .corrupt, message: "unknown resource_type in scim_resources")
        }
        let attributes: JSONObject
        let json = row.blob(6)
        do {
            guard case .object(let object) = try JSONParser.parse(json) else {
                throw StoreError(code: .corrupt, message: "stored resource JSON is not an object")
            }
            attributes = object
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .corrupt, message: "stored resource JSON does not parse")
        }
        return ResourceRow(seq: row.int64(0), resource: StoredResource(
            id: row.string(1), kind: kind, version: row.int64(3), created: row.string(4),
            lastModified: row.string(5), attributes: attributes), bytes: json.count)
    }

    /// The resource `id` of `kind` in `tenant`, or `nil`.
    static func row(id: String, kind: ResourceKind, tenant: TenantID, in db: Connection) throws -> ResourceRow? {
        try db.queryOne("SELECT \(columns) FROM scim_resources r WHERE r.tenant_id = ? AND r.id = ? AND r.resource_type = \(kind.sqlLiteral)",
                        tenant.rawValue, id, map: resourceRow)
    }

    /// The version of the resource `id` of `kind` in `tenant`, or `nil` (one read of the
    /// `(tenant_id, id)` index and the row).
    static func version(id: String, kind: ResourceKind, tenant: TenantID, in db: Connection) throws -> Int64? {
        try db.queryOne("SELECT version FROM scim_resources WHERE tenant_id = ? AND id = ? AND resource_type = \(kind.sqlLiteral)",
                        tenant.rawValue, id) { $0.int64(0) }
    }

    /// The row to write, after the `If-Match` check (RFC 7644 §3.14).
    static func rowForWrite(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?,
                            in db: Connection) throws -> ResourceRow {
        guard let current = try row(id: id, kind: kind, tenant: tenant, in: db) else {
            throw ResourceStoreError.notFound
        }
        if let expectedVersion, expectedVersion != current.resource.version {
            throw ResourceStoreError.versionMismatch(current: current.resource.version)
        }
        return current
    }

    // MARK: - Memberships

    /// A Group's members, with `display` from each member's current `displayName` (a
    /// User without one shows its `userName`), ordered by id; the first `limit` only
    /// when given.
    static func members(of groupID: String, tenant: TenantID, limit: Int = -1, in db: Connection) throws -> [MemberReference] {
        try db.query("""
            SELECT m.member_id, m.member_type, coalesce(m.display, x.display_name, x.user_name)
            FROM scim_group_members m JOIN scim_resources x ON x.tenant_id = m.tenant_id AND x.id = m.member_id
            WHERE m.tenant_id = ? AND m.group_id = ? ORDER BY m.member_id LIMIT ?
            """, tenant.rawValue, groupID, limit) { row in
            MemberReference(value: row.string(0), kind: ResourceKind(rawValue: row.string(1)) ?? .user,
                            display: row.optionalString(2))
        }
    }

    /// A Group's members as ``members(of:tenant:limit:in:)`` reads them, or `nil` when it
    /// has more than `limit`. The member rows are counted first, in the primary key alone
    /// (at most `limit` + 1 of them), and the members and their names read only for a
    /// group within the limit: a PATCH of a 100,000-member group answered without its
    /// members read 101 members and their names in the writer to throw them away (issue 10).
    static func members(of groupID: String, tenant: TenantID, atMost limit: Int, in db: Connection) throws -> [MemberReference]? {
        let count = try db.queryOne("""
            SELECT count(*) FROM (SELECT 1 FROM scim_group_members WHERE tenant_id = ? AND group_id = ? LIMIT ?)
            """, tenant.rawValue, groupID, limit + 1) { $0.int(0) } ?? 0
        guard count <= limit else { return nil }
        return try members(of: groupID, tenant: tenant, limit: limit, in: db)
    }

    /// The Groups `memberID` belongs to directly, ordered by id.
    static func groups(of memberID: String, tenant: TenantID, in db: Connection) throws -> [MemberReference] {
        try db.query("""
            SELECT m.group_id, x.display_name
            FROM scim_group_members m JOIN scim_resources x ON x.tenant_id = m.tenant_id AND x.id = m.group_id
            WHERE m.tenant_id = ? AND m.member_id = ? ORDER BY m.group_id
            """, tenant.rawValue, memberID) { row in
            MemberReference(value: row.string(0), kind: .group, display: row.optionalString(1))
        }
    }

    /// Loads `members` or `groups` into every resource of a page with one query per
    /// kind, instead of one query per resource.
    static func attachReferences(to resources: inout [StoredResource], tenant: TenantID, in db: Connection) throws {
        let userIndices = resources.indices.filter { resources[$0].kind == .user }
        let groupIndices = resources.indices.filter { resources[$0].kind == .group }
        if !userIndices.isEmpty {
            let ids = userIndices.map { resources[$0].id }
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
            var byMember: [String: [MemberReference]] = [:]
            let rows = try db.query("""
                SELECT m.member_id, m.group_id, x.display_name
                FROM scim_group_members m JOIN scim_resources x ON x.tenant_id = m.tenant_id AND x.id = m.group_id
                WHERE m.tenant_id = ? AND m.member_id IN (\(placeholders)) ORDER BY m.member_id, m.group_id
                """, bindings: [SQLValue.text(tenant.rawValue)] + ids.map(SQLValue.text)) { row in
                (row.string(0), MemberReference(value: row.string(1), kind: .group, display: row.optionalString(2)))
            }
            for (member, reference) in rows { byMember[member, default: []].append(reference) }
            for index in userIndices { resources[index].groups = byMember[resources[index].id] ?? [] }
        }
        for index in groupIndices { try attachReferences(to: &resources[index], tenant: tenant, in: db) }
    }

    /// Loads a Group's `members` or a User's `groups` into `resource`.
    static func attachReferences(to resource: inout StoredResource, tenant: TenantID, in db: Connection) throws {
        switch resource.kind {
        case .group: resource.members = try members(of: resource.id, tenant: tenant, in: db)
        case .user: resource.groups = try groups(of: resource.id, tenant: tenant, in: db)
        }
    }

    /// Maps a unique-index violation to the SCIM attribute it protects (409).
    static func mappingUniqueness<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError where error.code == .constraintUnique {
            if error.message.contains("user_name") { throw ResourceStoreError.uniqueness(attribute: "userName") }
            if error.message.contains("display_name") { throw ResourceStoreError.uniqueness(attribute: "displayName") }
            throw error
        }
    }
}

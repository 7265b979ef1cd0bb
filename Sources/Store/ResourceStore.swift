import SCIM

/// Where SCIM Users and Groups live, per tenant. The endpoints talk to this protocol, so
/// a PostgreSQL implementation can replace `SQLiteResourceStore` without touching them.
///
/// Every method takes the tenant, and every query carries it: a resource of another
/// tenant does not exist for the caller (`get` returns `nil`, writes throw `notFound`).
/// Every write is durable when the method returns. Failures the client can act on are
/// `ResourceStoreError`s; storage failures are `StoreError`s.
public protocol ResourceStore: Sendable {
    /// Stores a new resource with a random id, version 1 and `created` = `lastModified`
    /// = now. For a Group, `members[].value` must each name a User or Group of the
    /// tenant (else `unknownMember(id)` and nothing is stored). `id`, `meta` and a User's
    /// `groups` in `resource` are ignored. Throws `uniqueness` for a taken `userName`
    /// (Users) or `displayName` (Groups), compared ignoring case.
    func create(_ resource: JSONObject, kind: ResourceKind, tenant: TenantID) async throws -> StoredResource

    /// The resource, or `nil`. With `includeMembers`, a Group carries its `members` and a
    /// User its `groups`.
    func get(id: String, kind: ResourceKind, tenant: TenantID, includeMembers: Bool) async throws -> StoredResource?

    /// The Group, carrying its `members` only when it has at most `memberLimit` of them
    /// (`members` is `nil` beyond), or `nil` when there is none. Its cost is bounded by
    /// `memberLimit`, whatever the group's size.
    func group(id: String, tenant: TenantID, memberLimit: Int) async throws -> StoredResource?

    /// Replaces the attributes (PUT, RFC 7644 §3.5.1), and a Group's members with those
    /// listed in `resource`. Bumps the version only if something changed. Throws
    /// `notFound`, `versionMismatch` when `expectedVersion` is given and differs,
    /// `uniqueness`, `unknownMember`.
    func replace(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?,
                 _ resource: JSONObject) async throws -> StoredResource

    /// Reads the resource, calls `transform`, and applies its result, all in one write
    /// transaction (PATCH, RFC 7644 §3.5.2). `transform` runs on the writer's queue, and
    /// may run before it too (SQLite computes a User's PATCH on a reader's snapshot and
    /// keeps the result only while the row has that version): keep it pure, short and free
    /// of I/O. It sees `members` only with `.all`. Errors it throws are
    /// rethrown and nothing is applied. Returns the resource as stored after the change,
    /// with the members `members` asks for, read in the same transaction.
    func modify(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?,
                members: MemberInclusion,
                _ transform: @escaping @Sendable (StoredResource) throws -> ResourceModification) async throws -> StoredResource

    /// Deletes the resource and its memberships (RFC 7644 §3.6). Groups that lose a
    /// member get a new version. Throws `notFound`, `versionMismatch`.
    func delete(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?) async throws

    /// One page of the tenant's resources of `kind` matching `query` (RFC 7644 §3.4.2):
    /// at `query.startIndex`, or, with `query.seek`, a keyset page of a cursor walk (RFC
    /// 9865) that carries the seeks of the next and previous pages and costs the same
    /// wherever it is in the list. Throws `SCIMError.invalidFilter` for a filter that does not suit the type,
    /// `unsupportedSort`, and `tooMany` when the filter would need more than the
    /// store's candidate limit of resources examined one by one.
    func list(_ query: ResourceQuery, kind: ResourceKind, tenant: TenantID) async throws -> ResourcePage

    /// The group-commit writer's counters (`/metrics`), for a store that has one.
    var writeStatistics: WriteStatistics? { get }
}

extension ResourceStore {
    /// No group-commit writer: nothing to report.
    public var writeStatistics: WriteStatistics? { nil }

    /// ``modify(id:kind:tenant:expectedVersion:members:_:)`` with all members, or none.
    public func modify(id: String, kind: ResourceKind, tenant: TenantID, expectedVersion: Int64?,
                       includeMembers: Bool,
                       _ transform: @escaping @Sendable (StoredResource) throws -> ResourceModification) async throws -> StoredResource {
        try await modify(id: id, kind: kind, tenant: tenant, expectedVersion: expectedVersion,
                         members: includeMembers ? .all : .none, transform)
    }
}

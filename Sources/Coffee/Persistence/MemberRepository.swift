import FoundationEssentials

/// Members, whatever door they came in by: the `members` rows of the ``Persistence`` port.
public protocol MemberRepository {
    /// The member `id` of `tenant`, whatever its lifecycle, or `nil`.
    func member(id: MemberID, tenant: TenantID) throws -> Member?
    /// The first live member of `tenant` whose primary email is `email` (ignoring case).
    func liveMember(email: String, tenant: TenantID) throws -> Member?
    /// The members of `tenant` matching `query`, in creation order, after `afterSeq`, at
    /// most `limit`, with the `seq` of each (the cursor of the next page).
    func page(tenant: TenantID, matching query: MemberQuery, after afterSeq: Int64, limit: Int) throws -> [(seq: Int64, member: Member)]
    /// The live members of every tenant whose primary email is `email` (ignoring case):
    /// who a sign-in link may go to.
    func liveMembers(email: String) throws -> [Member]
    /// Every live member of `tenant`, in creation order.
    func liveMembers(tenant: TenantID) throws -> [Member]
    /// The live members of `tenant` whose id sorts after `afterID` (from the first when
    /// empty) and not after `throughID` (no bound when `nil`), in id order, at most
    /// `limit`: a page of one of the id ranges ``memberIDBoundaries(tenant:parts:)`` cuts,
    /// read concurrently with the others (issue 16).
    func liveMembers(tenant: TenantID, afterID: String, throughID: String?, limit: Int) throws -> [Member]
    /// The ids that cut the members of `tenant` (whatever their lifecycle), in id order,
    /// into `parts` ranges of nearly equal size: ascending, at most `parts - 1` (fewer
    /// with fewer members), each the last id of its range. The ranges `("", b₁]`,
    /// `(b₁, b₂]`, …, `(bₙ, ∞)` cover every id, whatever is created after the call.
    func memberIDBoundaries(tenant: TenantID, parts: Int) throws -> [String]
    /// How many members `tenant` has in each lifecycle.
    func counts(tenant: TenantID) throws -> [Lifecycle: Int]
    /// The tenant's live members by local status (`pending`, `active`, `inactive`): the
    /// console's home page.
    func liveStatusCounts(tenant: TenantID) throws -> [String: Int]
    /// The ids and tenants of members deprovisioned before `cutoff` and not yet purged,
    /// oldest first, at most `limit`. Retention is per tenant, so the caller checks each.
    func deprovisioned(before cutoff: Date, limit: Int) throws -> [(tenant: TenantID, id: MemberID)]
    /// The latest `updatedAt` of the tenant's members, `nil` without members: where a
    /// reader's snapshot stands, for ``updated(since:tenant:)``.
    func latestUpdate(tenant: TenantID) throws -> Date?
    /// The tenant's members updated at or after `date` (created ones included), oldest
    /// change first: what changed since a snapshot whose ``latestUpdate(tenant:)`` was `date`.
    func updated(since date: Date, tenant: TenantID) throws -> [Member]
    /// Inserts `member`, or replaces the stored row with the same tenant and id.
    func save(_ member: Member) throws
    /// Replaces the stored `previous` (read in this transaction: same tenant and id) with
    /// `member`, like ``save(_:)``, writing only what a change needs: on SQLite, whose
    /// `UPDATE` rewrites every index on a column it names, the indexed columns (primary
    /// email, lifecycle, deprovisioning date) are set only when they differ (issue 10: a
    /// title change rewrote three index entries that did not change).
    func save(_ member: Member, replacing previous: Member) throws
    /// Each User's manager as the identity provider sent it (the enterprise extension's
    /// `manager.value`, which is the manager's member id), by the User's id, for the
    /// org-chart rule (``MatchingRule/notWithManager(includingPeers:)``). Users without a
    /// manager are absent. Reads every User: call it only when a rule needs it.
    func managers(tenant: TenantID) throws -> [String: MemberID]
}

extension MemberRepository {
    /// The members of `tenant` in creation order after `afterSeq`, at most `limit`.
    public func page(tenant: TenantID, after afterSeq: Int64, limit: Int) throws -> [(seq: Int64, member: Member)] {
        try page(tenant: tenant, matching: MemberQuery(), after: afterSeq, limit: limit)
    }
}

import Coffee
import FoundationEssentials

/// Members as every door uses them: list and read, add one by hand, change the
/// platform-owned status and snooze. The rules live in `Coffee` (``ManualEntry``,
/// ``LocalStatusTransition``); this service reads and writes them in one transaction.
struct MemberService: Sendable {
    /// Where members, categories, settings and events are read and written.
    let persistence: any Persistence

    /// The tenant's members matching `query` after `afterSeq`, at most `limit`, with the
    /// cursor of each.
    func page(tenant: TenantID, matching query: MemberQuery, after afterSeq: Int64,
              limit: Int) async throws -> [(seq: Int64, member: Member)] {
        try await persistence.read { tx in try tx.members.page(tenant: tenant, matching: query, after: afterSeq, limit: limit) }
    }

    /// Member `id` of the tenant, whatever its lifecycle.
    func member(_ id: MemberID, tenant: TenantID) async throws -> Member {
        try await persistence.read { tx in try Self.require(id, tenant: tenant, in: tx) }
    }

    /// Member `id` and what happened to it, oldest first (its events in the outbox, at
    /// most `limit`).
    func memberWithHistory(_ id: MemberID, tenant: TenantID, limit: Int = 200) async throws -> (Member, [OutboxEntry]) {
        try await persistence.read { tx in
            let member = try Self.require(id, tenant: tenant, in: tx)
            return (member, try tx.outbox.about(subject: id.rawValue, tenant: tenant, limit: limit))
        }
    }

    /// Adds a member by hand: its email must be free among live members; the welcome
    /// email is sent when `sendsWelcomeEmail` says so, else as the tenant's settings do.
    func add(_ entry: ManualEntry, id: MemberID, sendsWelcomeEmail: Bool?, tenant: TenantID, at now: Date) async throws -> Member {
        try await persistence.write { tx in
            let settings = try tx.settings.settings(tenant: tenant)
            let catalog = try tx.categories.catalog(tenant: tenant)
            var lookupError: (any Error)?
            let result = try entry.add(
                id: id, tenantID: tenant, catalog: catalog, settings: settings,
                sendsWelcomeEmail: sendsWelcomeEmail ?? settings.sendsWelcomeEmail,
                existingMember: { address in
                    do { return try tx.members.liveMember(email: address.rawValue, tenant: tenant) }
                    catch { lookupError = error; return nil }
                }, at: now)
            if let lookupError { throw lookupError }
            try tx.members.save(result.member)
            try tx.outbox.append(result.events)
            try tx.categories.absorb(result.member.categoryValues, tenant: tenant)
            return result.member
        }
    }

    /// Applies `transition` to member `id` in one write transaction; stores it and its
    /// events when it changed anything.
    func apply(to id: MemberID, tenant: TenantID, at now: Date,
               _ transition: @escaping @Sendable (Member, Date) throws(MemberError) -> TransitionResult) async throws -> Member {
        try await persistence.write { tx in
            let member = try Self.require(id, tenant: tenant, in: tx)
            let result = try transition(member, now)
            guard result.changed else { return member }
            try tx.members.save(result.member)
            try tx.outbox.append(result.events)
            return result.member
        }
    }

    static func require(_ id: MemberID, tenant: TenantID, in tx: any StorageTransaction) throws -> Member {
        guard let member = try tx.members.member(id: id, tenant: tenant) else {
            throw ServiceError.notFound("Member '\(id.rawValue)' not found.")
        }
        return member
    }
}

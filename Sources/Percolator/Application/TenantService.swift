import Coffee
import FoundationEssentials

/// What an organisation's administrators read and set about the tenant itself: its
/// settings, its groups (audiences) and its event log.
struct TenantService: Sendable {
    /// Where settings, groups and events are read and written.
    let persistence: any Persistence

    /// The tenant's settings.
    func settings(tenant: TenantID) async throws -> TenantSettings {
        try await persistence.read { tx in try tx.settings.settings(tenant: tenant) }
    }

    /// Applies `change` to the tenant's settings and stores them, in one transaction: a
    /// change that throws stores nothing.
    func changeSettings(tenant: TenantID,
                        _ change: @escaping @Sendable (inout TenantSettings) throws -> Void) async throws -> TenantSettings {
        try await persistence.write { tx in
            var settings = try tx.settings.settings(tenant: tenant)
            try change(&settings)
            try tx.settings.save(settings, tenant: tenant)
            return settings
        }
    }

    /// The tenant's events after `afterSeq`, in outbox order, optionally of one `kind`.
    func events(tenant: TenantID, after afterSeq: Int64, limit: Int, kind: String?) async throws -> [OutboxEntry] {
        // A match's introductions are stored compact (issue 16): read as they are sent.
        try await persistence.read { tx in
            try IntroductionHydration.hydrate(try tx.outbox.page(tenant: tenant, after: afterSeq, limit: limit, kind: kind), in: tx)
        }
    }

    /// The tenant's groups by display name after `afterName`.
    func groups(tenant: TenantID, afterName: String?, limit: Int) async throws -> [GroupSummary] {
        try await persistence.read { tx in try tx.groups.page(tenant: tenant, afterName: afterName, limit: limit) }
    }

    /// Group `id` of the tenant and its members (users).
    func group(_ id: GroupID, tenant: TenantID) async throws -> (GroupSummary, [Member]) {
        try await persistence.read { tx in
            guard let group = try tx.groups.group(id: id, tenant: tenant) else {
                throw ServiceError.notFound("Group '\(id.rawValue)' not found.")
            }
            return (group, try tx.groups.members(of: id, tenant: tenant))
        }
    }
}

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

    // Retry of a failed email (issue 13, item 9)
    /// Puts the tenant's failed email `seq` back to due at `now`, for the deliverer to
    /// try once more (its attempts and last error kept). An entry that was sent, is still
    /// waiting, or sends nothing is a conflict; an unknown one, or another tenant's, is
    /// not found. Either refusal changes nothing.
    func retryEmail(seq: Int64, tenant: TenantID, at now: Date) async throws -> OutboxEntry {
        try await persistence.write { tx in
            if let entry = try tx.outbox.retryFailedEmail(seq: seq, tenant: tenant, at: now) {
                return try IntroductionHydration.hydrate([entry], in: tx).first ?? entry
            }
            guard seq > 0, let entry = try tx.outbox.page(tenant: tenant, after: seq - 1, limit: 1, kind: nil).first,
                  entry.seq == seq else {
                throw ServiceError.notFound("Event '\(seq)' not found.")
            }
            switch entry.status {
            case .delivered: throw ServiceError.conflict("Event '\(seq)' was sent already; only a failed email can be retried.")
            case .pending: throw ServiceError.conflict("Event '\(seq)' is still waiting to be sent; only a failed email can be retried.")
            case .recorded, .failed: throw ServiceError.conflict("Event '\(seq)' is not an email; only a failed email can be retried.")
            }
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

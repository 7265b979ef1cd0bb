import Coffee
import Store

/// Each tenant's ``TenantSCIMConfiguration`` as last read, so that a SCIM write validates
/// without a read transaction of its own. Never trusted alone: every write checks it again
/// first in its own transaction (``SCIMConfigurationCheck``), and a write that finds it
/// changed — by this instance or another on the same database — reads it again and runs
/// once more. Bounded: past `limit` tenants it starts over (``BoundedTenantMap``).
final class SCIMConfigurationCache: Sendable {
    /// Where the configuration is read.
    let persistence: any Persistence
    private let entries: BoundedTenantMap<TenantSCIMConfiguration>

    init(persistence: any Persistence, limit: Int = 4096) {
        self.persistence = persistence
        entries = BoundedTenantMap(limit: limit)
    }

    /// The tenant's configuration as last read, or read now when none is kept.
    func configuration(tenant: TenantID) async throws -> TenantSCIMConfiguration {
        if let kept = entries[tenant] { return kept }
        return try await fresh(tenant: tenant)
    }

    /// The tenant's configuration read now (one read transaction), and kept.
    func fresh(tenant: TenantID) async throws -> TenantSCIMConfiguration {
        let configuration = try await persistence.read { tx in try TenantSCIMConfiguration.read(tenant: tenant, in: tx) }
        entries.keep(configuration, for: tenant)
        return configuration
    }

    /// Drops what is kept of the tenant: its next write reads it again.
    func forget(tenant: TenantID) {
        entries.forget(tenant)
    }
}

import Coffee
import FoundationEssentials

/// Provisioning health for the console's home (issue 13, item 2): the last SCIM request,
/// requests and errors over the last 24 hours per IdP client (bearer token), and the
/// last errors with the detail the client was shown — read from the provisioning log.
extension ProvisioningLogService {
    /// One IdP client's last 24 hours.
    typealias ClientActivity = ProvisioningClientActivity

    /// What the home page shows about provisioning.
    struct Health: Sendable {
        /// The most recent request, whatever its age.
        var lastRequest: ProvisioningLogEntry?
        /// Per client, the most active first.
        var clients: [ClientActivity]
        /// The last failed requests, newest first.
        var lastErrors: [ProvisioningLogEntry]
    }

    /// `tenant`'s provisioning health at `now`: per client, requests and errors over
    /// `[now - window, now]`, counted by the store (however many there were: no entry is
    /// read to count them), the last request, and the last `errors` failures.
    func health(tenant: TenantID, at now: Date, window: TimeInterval = 24 * 3_600, errors: Int = 5) async throws -> Health {
        try await persistence.read { tx in
            let last = try tx.provisioningLog.entries(ProvisioningLogQuery(tenantID: tenant, limit: 1)).first
            let clients = try tx.provisioningLog.clientActivity(tenant: tenant, since: now.addingTimeInterval(-window))
            let failures = try tx.provisioningLog.entries(ProvisioningLogQuery(tenantID: tenant, outcome: .failure, limit: errors))
            return Health(lastRequest: last,
                          clients: clients.sorted { ($0.requests, $0.lastRequestAt) > ($1.requests, $1.lastRequestAt) },
                          lastErrors: failures)
        }
    }
}

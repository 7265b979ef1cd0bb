import Coffee
import FoundationEssentials

/// Provisioning health for the console's home (issue 13, item 2): the last SCIM request,
/// requests and errors over the last 24 hours per IdP client (bearer token), and the
/// last errors with the detail the client was shown — read from the provisioning log.
extension ProvisioningLogService {
    /// One IdP client's last 24 hours.
    struct ClientActivity: Sendable, Equatable {
        /// The token that sent the requests (`nil`: unknown, e.g. a token since deleted).
        var tokenID: String?
        /// The last `User-Agent` seen from it.
        var userAgent: String?
        /// Requests, and those answered with a status of 400 or more.
        var requests: Int, errors: Int
        /// Its last request.
        var lastRequestAt: Date
    }

    /// What the home page shows about provisioning.
    struct Health: Sendable {
        /// The most recent request, whatever its age.
        var lastRequest: ProvisioningLogEntry?
        /// Per client, the most active first, over the entries read.
        var clients: [ClientActivity]
        /// Whether the window held more entries than were read (the counts are then lower bounds).
        var isCapped: Bool
        /// The last failed requests, newest first.
        var lastErrors: [ProvisioningLogEntry]
    }

    /// The entries read to count a day of requests, at most.
    static let healthEntriesRead = 10_000

    /// `tenant`'s provisioning health at `now`: counts over `[now - window, now]` from at
    /// most ``healthEntriesRead`` entries, and the last `errors` failures.
    func health(tenant: TenantID, at now: Date, window: TimeInterval = 24 * 3_600, errors: Int = 5) async throws -> Health {
        let cap = Self.healthEntriesRead
        return try await persistence.read { tx in
            let last = try tx.provisioningLog.entries(ProvisioningLogQuery(tenantID: tenant, limit: 1)).first
            let day = try tx.provisioningLog.entries(ProvisioningLogQuery(tenantID: tenant, since: now.addingTimeInterval(-window),
                                                                          limit: cap + 1))
            var byClient: [String?: ClientActivity] = [:]
            for entry in day.prefix(cap) {
                var activity = byClient[entry.tokenID] ?? ClientActivity(tokenID: entry.tokenID, userAgent: entry.userAgent,
                                                                         requests: 0, errors: 0, lastRequestAt: entry.occurredAt)
                activity.requests += 1
                if !entry.succeeded { activity.errors += 1 }
                byClient[entry.tokenID] = activity
            }
            let failures = try tx.provisioningLog.entries(ProvisioningLogQuery(tenantID: tenant, outcome: .failure, limit: errors))
            return Health(lastRequest: last,
                          clients: byClient.values.sorted { ($0.requests, $0.lastRequestAt) > ($1.requests, $1.lastRequestAt) },
                          isCapped: day.count > cap, lastErrors: failures)
        }
    }
}

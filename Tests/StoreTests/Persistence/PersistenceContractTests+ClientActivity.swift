import Coffee
import Foundation
import Testing
@testable import Store

/// The provisioning log's per-client counts for the console home (issue 13, item 2),
/// counted by the store on both backends.
@Suite("Persistence contract — provisioning activity per IdP client on SQLite and PostgreSQL")
struct PersistenceContractClientActivityTests {
    static func entry(_ id: String, tenant: TenantID, at seconds: Double, token: String?, agent: String?,
                      status: Int = 200) -> ProvisioningLogEntry {
        var entry = PersistenceContractTests.logEntry(id, tenant: tenant, at: seconds, status: status)
        entry.tokenID = token
        entry.userAgent = agent
        return entry
    }

    @Test("requests, errors (status ≥ 400), the latest request and its User-Agent per token, unknown token apart; window and tenant respected",
          arguments: StorageBackend.allCases)
    func clientActivity(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            let start = PersistenceContractTests.start
            let entries = [
                Self.entry("old", tenant: tenant, at: -10, token: "okta", agent: "Okta 0.9", status: 500),
                Self.entry("o1", tenant: tenant, at: 0, token: "okta", agent: "Okta 1.0"),
                Self.entry("o2", tenant: tenant, at: 5, token: "okta", agent: "Okta 1.1", status: 409),
                Self.entry("o3", tenant: tenant, at: 3, token: "okta", agent: "Okta 1.0", status: 400),
                Self.entry("e1", tenant: tenant, at: 1, token: "entra", agent: nil),
                Self.entry("n1", tenant: tenant, at: 2, token: nil, agent: "curl/8", status: 401),
                Self.entry("n2", tenant: tenant, at: 4, token: nil, agent: "curl/9"),
                Self.entry("x1", tenant: other, at: 6, token: "okta", agent: "Theirs"),
            ]
            try await backend.persistence.write { tx in for entry in entries { try tx.provisioningLog.record(entry) } }
            let activity = try await backend.persistence.read { tx in try tx.provisioningLog.clientActivity(tenant: tenant, since: start) }
            let byToken = Dictionary(uniqueKeysWithValues: activity.map { ($0.tokenID ?? "-", $0) })
            #expect(activity.count == 3)
            #expect(byToken["okta"] == ProvisioningClientActivity(tokenID: "okta", userAgent: "Okta 1.1", requests: 3, errors: 2,
                                                                  lastRequestAt: start.addingTimeInterval(5)), "the window starts at `since`")
            #expect(byToken["entra"] == ProvisioningClientActivity(tokenID: "entra", userAgent: nil, requests: 1, errors: 0,
                                                                   lastRequestAt: start.addingTimeInterval(1)))
            #expect(byToken["-"] == ProvisioningClientActivity(tokenID: nil, userAgent: "curl/9", requests: 2, errors: 1,
                                                               lastRequestAt: start.addingTimeInterval(4)), "no token: one client")
            let none = try await backend.persistence.read { tx in
                try tx.provisioningLog.clientActivity(tenant: tenant, since: start.addingTimeInterval(60))
            }
            #expect(none.isEmpty)
        }
    }
}

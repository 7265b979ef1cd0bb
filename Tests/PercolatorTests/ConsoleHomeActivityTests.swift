import Coffee
import Foundation
@testable import Percolator
import Store
import Testing
import TestSupport

/// The console home's request counts are counted by the store, exactly, however many
/// requests the day held (they were read row by row, at most 10,000, and shown as
/// "10000+"); entries older than 24 hours and another tenant's are not counted.
@Suite("Admin console — provisioning health counts every request of the day")
struct ConsoleHomeActivityTests {
    @Test("10,050 requests of one client in the last 24 hours show as 10050 with their 50 errors; older and other tenants' apart")
    func exactCounts() async throws {
        try await LiveServer.with { live in
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            let other = try await live.store.createTenant(name: "other")
            let now = Date()
            @Sendable func entry(_ id: String, _ tenant: TenantID, ago seconds: Double, status: Int) -> ProvisioningLogEntry {
                ProvisioningLogEntry(id: id, tenantID: tenant, occurredAt: now.addingTimeInterval(-seconds), tokenID: "bulk-token",
                                     userAgent: "Bulk IdP/2.0", operation: "patch", resourceType: "User", resourceID: "u",
                                     resourceName: "u", status: status, scimType: nil, detail: nil, durationMicroseconds: 10, changes: [])
            }
            try await live.server.persistence.write { tx in
                for index in 0..<10_050 {
                    try tx.provisioningLog.record(entry("e\(index)", tenant, ago: 60 + Double(index), status: index % 201 == 0 ? 500 : 200))
                }
                try tx.provisioningLog.record(entry("old", tenant, ago: 25 * 3_600, status: 500))
                try tx.provisioningLog.record(entry("theirs", other.id, ago: 30, status: 500))
            }
            let browser = try await ConsoleTests.administrator(live)
            let home = try await browser.get("/admin")
            let row = try #require(home.text.components(separatedBy: "<tr>").first { $0.contains("Bulk IdP/2.0") }, "\(home.text)")
            #expect(row.contains(">10050</td>") && !row.contains("+"), "every request counted: \(row)")
            #expect(row.contains(">50</span>"), "50 errors: \(row)")
        }
    }
}

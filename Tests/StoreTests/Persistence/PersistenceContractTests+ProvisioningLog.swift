import Coffee
import Foundation
import Testing
@testable import Store

/// The provisioning log repository (issue 15), the same assertions on both backends.
extension PersistenceContractTests {
    static func logEntry(_ id: String, tenant: TenantID, at seconds: Double, status: Int = 201, operation: String = "create",
                         resourceID: String? = "u1", name: String? = "Ada@Example.com",
                         changes: [ProvisioningLogChange] = []) -> ProvisioningLogEntry {
        ProvisioningLogEntry(id: id, tenantID: tenant, occurredAt: start.addingTimeInterval(seconds), tokenID: "tok-1",
                             userAgent: "Okta SCIM Client 1.0.0", operation: operation, resourceType: "User",
                             resourceID: resourceID, resourceName: name, status: status,
                             scimType: status >= 400 ? "invalidValue" : nil, detail: status >= 400 ? "bad title" : nil,
                             durationMicroseconds: 1_234, changes: changes)
    }

    @Test("provisioning log: upsert by id, newest first, filters, keyset pages, tenant isolation, purge by tenant and age",
          arguments: StorageBackend.allCases)
    func provisioningLog(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            let changes = [ProvisioningLogChange(attribute: "status", old: "active", new: "inactive"),
                           .members(added: (1...25).map { "m\($0)" }, removed: ["x"])]
            let entries = [
                Self.logEntry("e1", tenant: tenant, at: 0),
                Self.logEntry("e2", tenant: tenant, at: 1, status: 400, operation: "patch"),
                Self.logEntry("e3", tenant: tenant, at: 1, status: 200, operation: "patch", changes: changes),
                Self.logEntry("e4", tenant: tenant, at: 2, status: 204, operation: "delete", resourceID: "u2", name: "bob"),
                Self.logEntry("e1", tenant: other, at: 5),
            ]
            try await backend.persistence.write { tx in
                for entry in entries { try tx.provisioningLog.record(entry) }
                // Recorded again with more: replaced, not duplicated.
                var again = entries[0]
                again.changes = [ProvisioningLogChange(attribute: "title")]
                try tx.provisioningLog.record(again)
            }
            func read(_ change: (inout ProvisioningLogQuery) -> Void) async throws -> [String] {
                var query = ProvisioningLogQuery(tenantID: tenant)
                change(&query)
                let wanted = query
                return try await backend.persistence.read { tx in try tx.provisioningLog.entries(wanted) }.map(\.id)
            }
            #expect(try await read { _ in } == ["e4", "e3", "e2", "e1"], "newest first; a tie broken by id, descending")
            let stored = try await backend.persistence.read { tx in
                try tx.provisioningLog.entries(ProvisioningLogQuery(tenantID: tenant))
            }
            #expect(stored.first(where: { $0.id == "e3" }) == entries[2], "every field round-trips, changes included")
            #expect(stored.first(where: { $0.id == "e1" })?.changes.map(\.attribute) == ["title"], "an upsert replaces")
            #expect(stored.first(where: { $0.id == "e3" })?.changes.last?.added?.count == ProvisioningLogChange.maxListedIDs)
            #expect(stored.first(where: { $0.id == "e3" })?.changes.last?.addedCount == 25)

            let cases: [(String, (inout ProvisioningLogQuery) -> Void, [String])] = [
                ("since", { $0.since = Self.start.addingTimeInterval(1) }, ["e4", "e3", "e2"]),
                ("until", { $0.until = Self.start.addingTimeInterval(1) }, ["e1"]),
                ("user by id", { $0.user = "U2" }, ["e4"]),
                ("user by name, any case", { $0.user = "ada@example.COM" }, ["e3", "e2", "e1"]),
                ("failures", { $0.outcome = .failure }, ["e2"]),
                ("successes", { $0.outcome = .success }, ["e4", "e3", "e1"]),
                ("one status", { $0.outcome = .status(204) }, ["e4"]),
                ("operation", { $0.operation = "patch" }, ["e3", "e2"]),
                ("after a position", { $0.after = ProvisioningLogPosition(occurredAt: Self.start.addingTimeInterval(1), id: "e3") },
                 ["e2", "e1"]),
                ("limit", { $0.limit = 2 }, ["e4", "e3"]),
            ]
            for (name, change, expected) in cases {
                #expect(try await read(change) == expected, "\(name)")
            }
            let others = try await backend.persistence.read { tx in
                try tx.provisioningLog.entries(ProvisioningLogQuery(tenantID: other))
            }
            #expect(others.map(\.tenantID) == [other], "a tenant reads only its own entries")

            let purged = try await backend.persistence.write { tx in
                (try tx.provisioningLog.tenants(withEntriesBefore: Self.start.addingTimeInterval(1.5)),
                 try tx.provisioningLog.purge(tenant: tenant, before: Self.start.addingTimeInterval(1.5), limit: 2),
                 try tx.provisioningLog.purge(tenant: tenant, before: Self.start.addingTimeInterval(1.5), limit: 2))
            }
            #expect(purged.0 == [tenant], "only tenants with old entries")
            #expect(purged.1 == 2 && purged.2 == 1, "at most `limit` per call, oldest first")
            #expect(try await read { _ in } == ["e4"])
            #expect(try await backend.persistence.read { tx in
                try tx.provisioningLog.entries(ProvisioningLogQuery(tenantID: other)).count
            } == 1, "another tenant's purge leaves this one's entries")
        }
    }
}

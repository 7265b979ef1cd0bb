import Coffee
import FoundationEssentials
import SCIM
import Store

/// `percolator log`: a tenant's SCIM provisioning log as an aligned table (or the admin
/// API's JSON with `--json`), newest first, read from the database.
enum ProvisioningLogCommand {
    static func print(storage: any StorageBackend, tenant: Store.TenantID, arguments: ParsedArguments,
                      invocation: String) async throws -> Int32 {
        var query = ProvisioningLogQuery(tenantID: tenant, limit: 50)
        if let text = arguments.options["limit"] {
            guard let limit = Int(text), limit >= 1 else {
                ConsoleOutput.standardError("\(invocation): --limit must be a whole number of at least 1.\n")
                return 64
            }
            query.limit = limit
        }
        if arguments.flags.contains("failures") { query.outcome = .failure }
        let wanted = query
        let entries = try await storage.persistence().read { db in try db.provisioningLog.entries(wanted) }
        if arguments.flags.contains("json") {
            let items = JSONValue.array(entries.map(ProvisioningLogEndpoints.json))
            ConsoleOutput.standardOutput(items.encodedString(layout: .prettyPrinted) + "\n")
            return 0
        }
        guard !entries.isEmpty else {
            ConsoleOutput.standardError("\(invocation): no entry.\n")
            return 0
        }
        var table = TextTable(header: ["TIME", "OPERATION", "TARGET", "STATUS", "MS", "CLIENT", "CHANGES / ERROR"])
        for entry in entries {
            let target = [entry.resourceType, entry.resourceName ?? entry.resourceID].compactMap { $0 }.joined(separator: " ")
            let status = "\(entry.status)" + (entry.scimType.map { " \($0)" } ?? "")
            let outcome = entry.detail ?? entry.changes.map(summary).joined(separator: "; ")
            table.rows.append([Timestamp.iso8601(epochSeconds: entry.occurredAt.timeIntervalSince1970), entry.operation, target, status,
                               "\(entry.durationMicroseconds / 1_000).\(entry.durationMicroseconds % 1_000 / 100)",
                               entry.tokenID.map { String($0.prefix(8)) } ?? "", String(outcome.prefix(100))])
        }
        ConsoleOutput.standardOutput(table.rendered)
        return 0
    }

    /// One change in a few words: `title`, `status active → inactive`, `members +3 −1`.
    static func summary(_ change: ProvisioningLogChange) -> String {
        if change.addedCount != nil || change.removedCount != nil {
            return "\(change.attribute) +\(change.addedCount ?? 0) -\(change.removedCount ?? 0)"
        }
        guard change.old != nil || change.new != nil else { return change.attribute }
        return "\(change.attribute) \(change.old ?? "∅") → \(change.new ?? "∅")"
    }
}

import Coffee
import FoundationEssentials

/// Reads a tenant's SCIM provisioning log (issue 15), newest first, a page at a time with
/// an opaque cursor bound to the tenant.
struct ProvisioningLogService: Sendable {
    let persistence: any Persistence
    let cursors: ProvisioningLogCursor

    /// One page of `query` (its `after` is set from `cursor`, when given), and the cursor
    /// of the next page when there may be one.
    func page(_ query: ProvisioningLogQuery, cursor: String?) async throws -> (entries: [ProvisioningLogEntry], next: String?) {
        var query = query
        if let cursor { query.after = try cursors.decode(cursor, tenant: query.tenantID) }
        let limit = query.limit
        query.limit = limit + 1
        let wanted = query
        let found = try await persistence.read { tx in try tx.provisioningLog.entries(wanted) }
        let entries = Array(found.prefix(limit))
        let next = found.count > limit ? entries.last.map { cursors.encode($0.position, tenant: query.tenantID) } : nil
        return (entries, next)
    }
}

import Coffee
import FoundationEssentials
import HTTP
import SCIM
import Store

/// `GET /api/v1/provisioning-log`: the tenant's SCIM requests, newest first (issue 15),
/// filtered by `since`, `until` (RFC 3339), `user` (a resource id or `userName` /
/// `displayName`), `outcome` (`success`, `failure` or a status) and `operation`; paged by
/// `limit` and the opaque `after` (the `next` of the page before).
struct ProvisioningLogEndpoints {
    let service: AdminService

    var path: String { "\(AdminService.root)/provisioning-log" }

    func register(on router: inout Router) {
        router.add(.get, path) { request in
            await service.authenticated(request) { context in
                let query = try Self.query(context)
                let page = try await service.services.provisioningLog.page(query, cursor: context.query("after"))
                return AdminJSON.response(200, AdminJSON.object([
                    ("items", .array(page.entries.map(Self.json))),
                    ("next", AdminJSON.string(page.next)),
                ]))
            }
        }
    }

    /// The query the request's parameters ask for; a malformed one is `invalidValue`.
    static func query(_ context: AdminContext) throws(SCIMError) -> ProvisioningLogQuery {
        var query = ProvisioningLogQuery(tenantID: context.tenant, limit: try context.limit())
        query.since = try date(context, "since")
        query.until = try date(context, "until")
        query.user = context.query("user").flatMap { $0.isEmpty ? nil : $0 }
        if let text = context.query("outcome") {
            switch text.lowercased() {
            case "success": query.outcome = .success
            case "failure": query.outcome = .failure
            default:
                guard let status = Int(text), (100...599).contains(status) else {
                    throw .invalidValue("'outcome' must be success, failure or an HTTP status such as 409; it was '\(text)'.")
                }
                query.outcome = .status(status)
            }
        }
        if let text = context.query("operation") {
            guard ProvisioningOperation(rawValue: text) != nil else {
                let names = ProvisioningOperation.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidValue("'operation' must be one of \(names); it was '\(text)'.")
            }
            query.operation = text
        }
        return query
    }

    private static func date(_ context: AdminContext, _ name: String) throws(SCIMError) -> Date? {
        guard let text = context.query(name) else { return nil }
        guard let date = AdminJSON.parseDate(text) else {
            throw .invalidValue("'\(name)' must be an RFC 3339 instant such as 2026-12-01T09:00:00Z; it was '\(text)'.")
        }
        return date
    }

    /// An entry as the admin API shows it.
    static func json(_ entry: ProvisioningLogEntry) -> JSONValue {
        AdminJSON.object([
            ("id", .string(entry.id)),
            ("time", AdminJSON.date(entry.occurredAt)),
            ("tokenId", AdminJSON.string(entry.tokenID)),
            ("userAgent", AdminJSON.string(entry.userAgent)),
            ("operation", .string(entry.operation)),
            ("resourceType", AdminJSON.string(entry.resourceType)),
            ("resourceId", AdminJSON.string(entry.resourceID)),
            ("resourceName", AdminJSON.string(entry.resourceName)),
            ("outcome", .string(entry.succeeded ? "success" : "failure")),
            ("status", .integer(Int64(entry.status))),
            ("scimType", AdminJSON.string(entry.scimType)),
            ("detail", AdminJSON.string(entry.detail)),
            ("durationMs", AdminJSON.number(Double(entry.durationMicroseconds) / 1_000)),
            ("changes", .array(entry.changes.map(json))),
        ])
    }

    private static func json(_ change: ProvisioningLogChange) -> JSONValue {
        AdminJSON.object([
            ("attribute", .string(change.attribute)),
            ("old", AdminJSON.string(change.old)),
            ("new", AdminJSON.string(change.new)),
            ("added", change.added.map(AdminJSON.strings)),
            ("addedCount", change.addedCount.map { .integer(Int64($0)) }),
            ("removed", change.removed.map(AdminJSON.strings)),
            ("removedCount", change.removedCount.map { .integer(Int64($0)) }),
        ])
    }
}

import Coffee
import FoundationEssentials
import HTTP
import SCIM
import Store

/// The organisation as a whole: `/api/v1/events` (the outbox: what was recorded and what was delivered) and
/// `/api/v1/settings`.
struct TenantEndpoints {
    let service: AdminService

    func register(on router: inout Router) {
        router.add(.get, "\(AdminService.root)/events") { request in
            await service.authenticated(request) { context in
                let limit = try context.limit()
                let entries = try await service.tenant.events(tenant: context.tenant, after: try context.cursor(), limit: limit,
                                                              kind: context.query("kind"))
                let items = entries.map(Self.json)
                return AdminJSON.response(200, AdminJSON.page(items, next: entries.count == limit ? entries.last?.seq : nil))
            }
        }
        // Retry of a failed email (issue 13, item 9): 200 with the entry due again; 409
        // for one sent, waiting or sending nothing; 404 for an unknown or another tenant's.
        router.add(.post, "\(AdminService.root)/events/{seq}/retry") { request in
            await service.authenticated(request) { context in
                guard let seq = Int64(context.parameter("seq")), seq > 0 else {
                    throw ServiceError.notFound("Event '\(context.parameter("seq"))' not found.")
                }
                let entry = try await service.tenant.retryEmail(seq: seq, tenant: context.tenant, at: context.now)
                return AdminJSON.response(200, Self.json(entry))
            }
        }
        router.add(.get, "\(AdminService.root)/settings") { request in
            await service.authenticated(request) { context in
                let settings = try await service.tenant.settings(tenant: context.tenant)
                return AdminJSON.response(200, Self.json(settings))
            }
        }
        router.add(.patch, "\(AdminService.root)/settings") { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                // Category mapping paths may name the tenant's declared extensions (issue 15).
                let userType = try await service.extensionSchemas.resourceType(.user, tenant: context.tenant)
                let settings = try await service.tenant.changeSettings(tenant: context.tenant) { settings in
                    try Self.apply(body, to: &settings, userType: userType)
                }
                return AdminJSON.response(200, Self.json(settings))
            }
        }
    }

    static func json(_ entry: OutboxEntry) -> JSONValue {
        let payload = entry.payload
        return AdminJSON.object([
            ("id", .string(String(entry.seq))),
            ("kind", .string(entry.kind)),
            ("subject", .string(entry.subject)),
            ("idempotencyKey", .string(entry.idempotencyKey)),
            ("status", .string(entry.status.rawValue)),
            ("occurredAt", AdminJSON.date(entry.occurredAt)),
            ("attempts", .integer(Int64(entry.attempts))),
            ("nextAttemptAt", entry.status == .pending ? AdminJSON.date(entry.nextAttemptAt) : nil),
            ("deliveredAt", AdminJSON.date(entry.deliveredAt)),
            ("failedAt", AdminJSON.date(entry.failedAt)),
            ("lastError", AdminJSON.string(entry.lastError)),
            ("email", AdminJSON.string(payload.email)),
            ("changedFields", payload.changedFields.map(AdminJSON.strings)),
            ("changedCategories", payload.changedCategories.map(AdminJSON.strings)),
            ("added", payload.added.map(AdminJSON.strings)),
            ("removed", payload.removed.map(AdminJSON.strings)),
            ("details", payload.publicDetails.map { details in
                .object(JSONObject(details.keys.sorted().map { JSONObject.Member(key: $0, value: .string(details[$0] ?? "")) }))
            }),
        ])
    }

    static func json(_ settings: TenantSettings) -> JSONValue {
        AdminJSON.object([
            ("sendWelcomeEmail", .bool(settings.sendsWelcomeEmail)),
            ("memberPortal", .bool(settings.isMemberPortalEnabled)),
            ("allowedEmailDomains", AdminJSON.strings(settings.allowedEmailDomains.domains.sorted())),
            ("timezone", .string(settings.timeZoneIdentifier)),
            ("retentionDays", AdminJSON.number(settings.deprovisionedRetention / 86_400)),
            ("relinkReprovisionedMembers", .bool(settings.relinksReprovisionedMembers)),
            ("undeclaredAttributes", .string(settings.undeclaredAttributes.rawValue)),
            ("provisioningLogRetentionDays", AdminJSON.number(settings.provisioningLogRetention / 86_400)),
            ("categoryMapping", .array(settings.categoryMapping.entries.map { entry in
                AdminJSON.object([("path", .string(entry.path)), ("category", .string(entry.key.rawValue))])
            })),
        ])
    }

    /// A number of days, whole or not; `nil` for anything else.
    static func days(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let number): Double(number)
        case .decimal(let number): number
        default: nil
        }
    }

    /// Applies the fields present in `body` (a partial update); each is checked, and
    /// one bad field changes nothing.
    static func apply(_ body: JSONObject, to settings: inout TenantSettings, userType: ResourceType = .user) throws(SCIMError) {
        var next = settings
        for member in body.members {
            let value = member.value
            switch member.key {
            case "sendWelcomeEmail":
                guard let flag = value.boolValue else { throw .invalidValue("'sendWelcomeEmail' must be true or false.") }
                next.sendsWelcomeEmail = flag
            case "memberPortal":
                guard let flag = value.boolValue else { throw .invalidValue("'memberPortal' must be true or false.") }
                next.isMemberPortalEnabled = flag
            case "relinkReprovisionedMembers":
                guard let flag = value.boolValue else { throw .invalidValue("'relinkReprovisionedMembers' must be true or false.") }
                next.relinksReprovisionedMembers = flag
            case "undeclaredAttributes":
                guard let policy = value.stringValue.flatMap(UndeclaredAttributes.init(rawValue:)) else {
                    throw .invalidValue("'undeclaredAttributes' must be \"store\", \"ignore\" or \"reject\".")
                }
                next.undeclaredAttributes = policy
            case "allowedEmailDomains":
                guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                    throw .invalidValue("'allowedEmailDomains' must be a list of domain names such as \"example.com\".")
                }
                next.allowedEmailDomains = AllowedEmailDomains(items.compactMap(\.stringValue))
            case "timezone":
                guard let text = value.stringValue, TimeZone(identifier: text) != nil else {
                    throw .invalidValue("'timezone' must be an IANA time zone such as \"Europe/Paris\".")
                }
                next.timeZoneIdentifier = text
            case "retentionDays":
                let days = Self.days(value)
                guard let days, days >= 0, days <= 3_650 else {
                    throw .invalidValue("'retentionDays' must be a number of days between 0 and 3650.")
                }
                next.deprovisionedRetention = days * 86_400
            case "provisioningLogRetentionDays":
                // Issue 15: how long the SCIM provisioning log keeps an entry.
                let days = Self.days(value)
                guard let days, days >= 1, days <= 3_650 else {
                    throw .invalidValue("'provisioningLogRetentionDays' must be a number of days between 1 and 3650.")
                }
                next.provisioningLogRetention = days * 86_400
            case "categoryMapping":
                guard let items = value.arrayValue else {
                    throw .invalidValue("'categoryMapping' must be a list of {\"path\": …, \"category\": …} objects.")
                }
                var entries: [CategoryMapping.Entry] = []
                for item in items {
                    guard let path = item[attribute: "path"]?.stringValue, let key = item[attribute: "category"]?.stringValue,
                          !key.isEmpty else {
                        throw .invalidValue("Each 'categoryMapping' entry needs a SCIM attribute 'path' and a 'category' key.")
                    }
                    do {
                        _ = try AttributeValueReader(path: path, resourceType: userType)
                    } catch {
                        throw .invalidValue("'\(path)' is not a User attribute path: \(error.detail)")
                    }
                    entries.append(CategoryMapping.Entry(path: path, key: CategoryKey(key)))
                }
                next.categoryMapping = CategoryMapping(entries)
            default:
                throw .invalidValue("'\(member.key)' is not a setting. Settings: sendWelcomeEmail, memberPortal, allowedEmailDomains, timezone, retentionDays, relinkReprovisionedMembers, categoryMapping, provisioningLogRetentionDays.")
            }
        }
        settings = next
    }
}

import Coffee
import FoundationEssentials
import HTTP
import SCIM
import Store

/// `/api/v1/members`: list and read members (whatever door they came in by), add one by
/// hand, set the platform-owned status, snooze.
struct MemberEndpoints {
    let service: AdminService

    var collection: String { "\(AdminService.root)/members" }

    func register(on router: inout Router) {
        router.add(.get, collection) { request in
            await service.authenticated(request) { context in
                let limit = try context.limit()
                let after = try context.cursor()
                let lifecycle = try context.query("lifecycle").map { text throws(SCIMError) -> Lifecycle in
                    guard let value = Lifecycle(rawValue: text) else {
                        throw .invalidValue("'lifecycle' must be live, deprovisioned or purged; it was '\(text)'.")
                    }
                    return value
                }
                let tenant = context.tenant
                let rows = try await service.read { db in
                    try MemberRecords.page(tenant: tenant, after: after, limit: limit, lifecycle: lifecycle, in: db)
                }
                let items = rows.map { MemberRepresentation.json($0.member, at: context.now) }
                return AdminJSON.response(200, AdminJSON.page(items, next: rows.count == limit ? rows.last?.seq : nil))
            }
        }
        router.add(.get, "\(collection)/{id}") { request in
            await service.authenticated(request) { context in
                let member = try await member(context)
                return AdminJSON.response(200, MemberRepresentation.json(member, at: context.now))
            }
        }
        router.add(.post, collection) { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                let entry = ManualEntry(
                    givenName: body[attribute: "givenName"]?.stringValue ?? "",
                    familyName: body[attribute: "familyName"]?.stringValue ?? "",
                    email: body[attribute: "email"]?.stringValue ?? "",
                    categoryValues: try Self.categoryValues(body[attribute: "categories"]))
                let sendsWelcome = body[attribute: "sendWelcomeEmail"]?.boolValue
                let tenant = context.tenant
                let now = context.now
                let member = try await service.write { db -> Member in
                    let settings = try TenantSettingsRecords.settings(tenant: tenant, in: db)
                    let catalog = try CategoryRecords.catalog(tenant: tenant, in: db)
                    var existing: Member?
                    var lookupError: (any Error)?
                    let result = try entry.add(
                        id: MemberID(RandomID.make()), tenantID: DomainTenantID(tenant.rawValue), catalog: catalog,
                        settings: settings, sendsWelcomeEmail: sendsWelcome ?? settings.sendsWelcomeEmail,
                        existingMember: { address in
                            do { existing = try MemberRecords.liveMember(email: address.rawValue, tenant: tenant, in: db) }
                            catch { lookupError = error }
                            return existing
                        }, at: now)
                    if let lookupError { throw lookupError }
                    try MemberRecords.save(result.member, in: db)
                    try OutboxRecords.append(result.events, in: db)
                    try CategoryRecords.absorb(result.member.categoryValues, tenant: tenant, in: db)
                    return result.member
                }
                return AdminJSON.response(201, MemberRepresentation.json(member, at: now),
                                          headers: [("Location", "\(collection)/\(member.id.rawValue)")])
            }
        }
        router.add(.put, "\(collection)/{id}/status") { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                let status: LocalStatus
                switch body[attribute: "status"]?.stringValue {
                case "active": status = .active
                case "inactive":
                    let text = body[attribute: "reason"]?.stringValue ?? "admin"
                    guard let reason = InactiveReason(rawValue: text) else {
                        throw SCIMError.invalidValue("'reason' must be admin, unsubscribed or bounced; it was '\(text)'.")
                    }
                    status = .inactive(reason)
                default:
                    throw SCIMError.invalidValue("'status' must be \"active\" or \"inactive\" (pending belongs to invitations).")
                }
                return try await transition(context) { member, now throws(MemberError) in
                    try LocalStatusTransition.set(member, to: status, at: now)
                }
            }
        }
        router.add(.put, "\(collection)/{id}/snooze") { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                var until: Date?
                if let value = body[attribute: "until"], !value.isNull {
                    guard let text = value.stringValue, let date = AdminJSON.parseDate(text) else {
                        throw SCIMError.invalidValue("'until' must be an ISO 8601 instant such as 2026-12-01T00:00:00Z, or null to end the snooze.")
                    }
                    until = date
                }
                let snoozeUntil = until
                return try await transition(context) { member, now throws(MemberError) in
                    try LocalStatusTransition.snooze(member, until: snoozeUntil, at: now)
                }
            }
        }
    }

    /// The member named by the path, or 404 (another tenant's member included).
    func member(_ context: AdminContext) async throws -> Member {
        let id = context.parameter("id")
        let tenant = context.tenant
        guard let member = try await service.read({ db in try MemberRecords.member(id: id, tenant: tenant, in: db) }) else {
            throw SCIMError.notFound("Member '\(id)' not found.")
        }
        return member
    }

    /// Applies a transition to the member named by the path in one write transaction.
    func transition(_ context: AdminContext,
                    _ body: @escaping @Sendable (Member, Date) throws(MemberError) -> TransitionResult) async throws -> HTTPResponse {
        let id = context.parameter("id")
        let tenant = context.tenant
        let now = context.now
        let member = try await service.write { db -> Member in
            guard let member = try MemberRecords.member(id: id, tenant: tenant, in: db) else {
                throw SCIMError.notFound("Member '\(id)' not found.")
            }
            let result = try body(member, now)
            guard result.changed else { return member }
            try MemberRecords.save(result.member, in: db)
            try OutboxRecords.append(result.events, in: db)
            return result.member
        }
        return AdminJSON.response(200, MemberRepresentation.json(member, at: now))
    }

    /// `{"department": "Sales", "languages": ["fr", "en"]}` as category values.
    static func categoryValues(_ value: JSONValue?) throws(SCIMError) -> CategoryValues {
        guard let value, !value.isNull else { return CategoryValues() }
        guard let object = value.objectValue else {
            throw .invalidValue("'categories' must be an object of category keys to a value or a list of values.")
        }
        var values: [CategoryKey: [String]] = [:]
        for member in object.members {
            switch member.value {
            case .string(let text): values[CategoryKey(member.key)] = [text]
            case .array(let items): values[CategoryKey(member.key)] = items.compactMap(\.stringValue)
            case .null: continue
            default: throw .invalidValue("The value of category '\(member.key)' must be a string or a list of strings.")
            }
        }
        return CategoryValues(values)
    }
}

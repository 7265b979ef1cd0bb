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
                let query = try Self.query(context)
                let rows = try await service.members.page(tenant: context.tenant, matching: query, after: after, limit: limit)
                let progress = try await service.members.portalProgress(of: rows.map(\.member), tenant: context.tenant)
                let items = rows.map { MemberRepresentation.json($0.member, at: context.now, portal: progress[$0.member.id]) }
                return AdminJSON.response(200, AdminJSON.page(items, next: rows.count == limit ? rows.last?.seq : nil))
            }
        }
        // Issue 12: the share of live members who signed in to the portal and completed their categories.
        router.add(.get, "\(AdminService.root)/portal/progress") { request in
            await service.authenticated(request) { context in
                let summary = try await service.members.portalProgressSummary(tenant: context.tenant)
                func share(_ count: Int) -> JSONValue { summary.members == 0 ? .null : .decimal(Double(count) / Double(summary.members)) }
                return AdminJSON.response(200, AdminJSON.object([
                    ("members", .integer(Int64(summary.members))),
                    ("signedIn", .integer(Int64(summary.signedIn))),
                    ("completedCategories", .integer(Int64(summary.completedCategories))),
                    ("signedInShare", share(summary.signedIn)),
                    ("completedCategoriesShare", share(summary.completedCategories)),
                ]))
            }
        }
        router.add(.get, "\(collection)/{id}") { request in
            await service.authenticated(request) { context in
                let (member, events) = try await service.members.memberWithHistory(MemberID(context.parameter("id")),
                                                                                   tenant: context.tenant)
                let progress = try await service.members.portalProgress(of: [member], tenant: context.tenant)
                guard case .object(var object) = MemberRepresentation.json(member, at: context.now, portal: progress[member.id]) else {
                    throw SCIMError.internalError(requestID: ErrorLog.requestID)
                }
                // The member's history: what happened to it, oldest first (the outbox keeps it).
                object["history"] = .array(events.map(TenantEndpoints.json))
                return AdminJSON.response(200, .object(object))
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
                let sendsWelcome = try AdminJSON.bool(body, "sendWelcomeEmail")
                let now = context.now
                let member = try await service.members.add(entry, id: MemberID(RandomID.make()), sendsWelcomeEmail: sendsWelcome,
                                                           tenant: context.tenant, at: now)
                return AdminJSON.response(201, MemberRepresentation.json(member, at: now),
                                          headers: [("Location", "\(collection)/\(member.id.rawValue)")])
            }
        }
        router.add(.put, "\(collection)/{id}/status") { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                // `reason` is checked whenever it is given, though only `inactive` reads it.
                let reasonText = try AdminJSON.string(body, "reason") ?? InactiveReason.admin.rawValue
                guard let reason = InactiveReason(rawValue: reasonText) else {
                    throw SCIMError.invalidValue("'reason' must be admin, unsubscribed or bounced; it was '\(reasonText)'.")
                }
                let status: LocalStatus
                switch body[attribute: "status"]?.stringValue {
                case "active": status = .active
                case "inactive": status = .inactive(reason)
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

    /// The list filters of `GET /members`: `lifecycle`, `status` (local status),
    /// `idpActive`, `source`, `category=key:value`, `q` (text in names, user name, email).
    static func query(_ context: AdminContext) throws(SCIMError) -> MemberQuery {
        var query = MemberQuery()
        if let text = context.query("lifecycle") {
            guard let value = Lifecycle(rawValue: text) else {
                throw .invalidValue("'lifecycle' must be live, deprovisioned or purged; it was '\(text)'.")
            }
            query.lifecycle = value
        }
        if let text = context.query("status") {
            guard ["pending", "active", "inactive"].contains(text) else {
                throw .invalidValue("'status' must be pending, active or inactive; it was '\(text)'.")
            }
            query.localStatus = text
        }
        if let text = context.query("idpActive") {
            guard let flag = Bool(text) else { throw .invalidValue("'idpActive' must be true or false; it was '\(text)'.") }
            query.idpActive = flag
        }
        if let text = context.query("source") {
            guard let value = MemberSource(rawValue: text) else {
                throw .invalidValue("'source' must be scim, csv, manual, invitation, slack, teams or hris; it was '\(text.prefix(100))'.")
            }
            query.source = value
        }
        if let text = context.query("category") {
            // Split at the first ':' scalar: a ':' followed by a combining mark or emoji
            // modifier is not a Character ":", yet it separates the key all the same.
            let scalars = text.unicodeScalars
            guard let colon = scalars.firstIndex(of: ":"), colon != scalars.startIndex,
                  scalars.index(after: colon) != scalars.endIndex else {
                throw .invalidValue("'category' must be written key:value, e.g. department:Sales; it was '\(text)'.")
            }
            query.category = (String(scalars[..<colon]), String(scalars[scalars.index(after: colon)...]))
        }
        query.text = context.query("q")
        return query
    }

    /// Applies a transition to the member named by the path in one write transaction.
    func transition(_ context: AdminContext,
                    _ body: @escaping @Sendable (Member, Date) throws(MemberError) -> TransitionResult) async throws -> HTTPResponse {
        let member = try await service.members.apply(to: MemberID(context.parameter("id")), tenant: context.tenant,
                                                     at: context.now, body)
        return AdminJSON.response(200, MemberRepresentation.json(member, at: context.now))
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
            case .array(let items):
                guard items.allSatisfy({ $0.stringValue != nil }) else {
                    throw .invalidValue("The values of category '\(member.key)' must be strings.")
                }
                values[CategoryKey(member.key)] = items.compactMap(\.stringValue)
            case .null: continue
            default: throw .invalidValue("The value of category '\(member.key)' must be a string or a list of strings.")
            }
        }
        return CategoryValues(values)
    }
}

import Coffee
import HTTP
import SCIM
import Store

/// `/api/v1/groups`: the SCIM groups as audiences, with their members. Read-only: groups
/// belong to the identity provider.
struct GroupEndpoints {
    let service: AdminService

    var collection: String { "\(AdminService.root)/groups" }

    func register(on router: inout Router) {
        router.add(.get, collection) { request in
            await service.authenticated(request) { context in
                let limit = try context.limit()
                let groups = try await service.tenant.groups(tenant: context.tenant, afterName: context.query("after"), limit: limit)
                let next: JSONValue? = groups.count == limit ? groups.last.map { .string($0.displayName) } : nil
                return AdminJSON.response(200, AdminJSON.object([("items", .array(groups.map(Self.json))), ("next", next)]))
            }
        }
        router.add(.get, "\(collection)/{id}") { request in
            await service.authenticated(request) { context in
                let (group, members) = try await service.tenant.group(GroupID(context.parameter("id")), tenant: context.tenant)
                guard case .object(var object) = Self.json(group) else { throw SCIMError.internalError(requestID: ErrorLog.requestID) }
                object["members"] = .array(members.map { member in
                    AdminJSON.object([
                        ("id", .string(member.id.rawValue)),
                        ("userName", .string(member.userName)),
                        ("givenName", .string(member.givenName)),
                        ("familyName", .string(member.familyName)),
                        ("eligible", .bool(Eligibility.of(member, at: context.now).isEligible)),
                    ])
                })
                return AdminJSON.response(200, .object(object))
            }
        }
    }

    static func json(_ group: GroupSummary) -> JSONValue {
        AdminJSON.object([
            ("id", .string(group.id.rawValue)),
            ("displayName", .string(group.displayName)),
            ("memberCount", .integer(Int64(group.memberCount))),
        ])
    }
}

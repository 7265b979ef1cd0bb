import Coffee
import FoundationEssentials
import HTTP
import SCIM

/// `/api/v1/connections`: the tenant's connections to Slack, Microsoft Teams and its HR
/// system (issue 14). The credential is write-only: answers show its last four
/// characters, never more. `POST …/{id}/test` reads one page; `POST …/{id}/run` runs a
/// sync now; `GET …/{id}/runs` lists the latest runs with their counts.
struct ConnectionEndpoints {
    let service: AdminService

    var collection: String { "\(AdminService.root)/connections" }
    var connections: ConnectionService { service.services.connections }

    func register(on router: inout Router) {
        router.add(.get, collection) { request in
            await service.authenticated(request) { context in
                let all = try await connections.connections(tenant: context.tenant)
                return AdminJSON.response(200, AdminJSON.page(all.map(Self.json), next: nil))
            }
        }
        router.add(.post, collection) { request in
            await service.authenticated(request) { context in
                let input = try Self.input(try context.jsonObject(), existing: nil)
                let created = try await connections.create(input, tenant: context.tenant, at: context.now)
                return AdminJSON.response(201, Self.json(created), headers: [("Location", "\(collection)/\(created.id.rawValue)")])
            }
        }
        router.add(.get, "\(collection)/{id}") { request in
            await service.authenticated(request) { context in
                AdminJSON.response(200, Self.json(try await connections.connection(ConnectionID(context.parameter("id")), tenant: context.tenant)))
            }
        }
        router.add(.put, "\(collection)/{id}") { request in
            await service.authenticated(request) { context in
                let id = ConnectionID(context.parameter("id"))
                let existing = try await connections.connection(id, tenant: context.tenant)
                let input = try Self.input(try context.jsonObject(), existing: existing.kind)
                return AdminJSON.response(200, Self.json(try await connections.update(id, with: input, tenant: context.tenant)))
            }
        }
        router.add(.delete, "\(collection)/{id}") { request in
            await service.authenticated(request) { context in
                try await connections.delete(ConnectionID(context.parameter("id")), tenant: context.tenant)
                return HTTPResponse(status: 204)
            }
        }
        router.add(.post, "\(collection)/{id}/test") { request in
            await service.authenticated(request) { context in
                switch try await connections.test(ConnectionID(context.parameter("id")), tenant: context.tenant) {
                case .success(let count):
                    return AdminJSON.response(200, AdminJSON.object([("reachable", .bool(true)), ("firstPage", .integer(Int64(count)))]))
                case .failure(let failure):
                    return AdminJSON.response(200, AdminJSON.object([("reachable", .bool(false)), ("error", .string(failure.description))]))
                }
            }
        }
        router.add(.get, "\(collection)/{id}/fields") { request in
            await service.authenticated(request) { context in
                let id = ConnectionID(context.parameter("id"))
                switch try await connections.fields(id, tenant: context.tenant) {
                case .success(let fields):
                    let connection = try await connections.connection(id, tenant: context.tenant)
                    let mapped = Dictionary(((try? ConnectionSettings.decode(connection.settings))?.fields ?? [])
                        .compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }, uniquingKeysWith: { first, _ in first })
                    return AdminJSON.response(200, AdminJSON.page(fields.map { field in
                        AdminJSON.object([("field", .string(field.name)), ("label", .string(field.label)),
                                          ("category", AdminJSON.string(mapped[field.name]))])
                    }, next: nil))
                case .failure(let failure):
                    throw ServiceError.conflict("The source's fields could not be read: \(failure.description)")
                }
            }
        }
        router.add(.post, "\(collection)/{id}/run") { request in
            await service.authenticated(request) { context in
                let run = try await connections.run(ConnectionID(context.parameter("id")), tenant: context.tenant, at: context.now)
                return AdminJSON.response(200, Self.json(run))
            }
        }
        router.add(.get, "\(collection)/{id}/runs") { request in
            await service.authenticated(request) { context in
                let runs = try await connections.runs(ConnectionID(context.parameter("id")), tenant: context.tenant)
                return AdminJSON.response(200, AdminJSON.page(runs.map(Self.json), next: nil))
            }
        }
    }

    /// A connection as answered: everything but the credential, of which its last four characters.
    static func json(_ connection: StoredConnection) -> JSONValue {
        let settings = (try? ConnectionSettings.decode(connection.settings)) ?? ConnectionSettings()
        return AdminJSON.object([
            ("id", .string(connection.id.rawValue)),
            ("kind", .string(connection.kind.rawValue)),
            ("name", .string(connection.name)),
            ("credentialHint", .string("…" + connection.credentialHint)),
            ("baseURL", AdminJSON.string(settings.baseURL)),
            ("teamID", AdminJSON.string(settings.teamID)),
            ("directoryID", AdminJSON.string(settings.directoryID)),
            ("clientID", AdminJSON.string(settings.clientID)),
            ("authorityURL", AdminJSON.string(settings.authorityURL)),
            ("companyDomain", AdminJSON.string(settings.companyDomain)),
            ("hrisSystem", AdminJSON.string(connection.kind == .hris ? settings.hrisSystem ?? HRISSystem.bambooHR.rawValue : nil)),
            ("signingSecretHint", settings.signingSecretHint.map { .string("…" + $0) }),
            ("eventsPath", connection.kind == .slack ? .string(SlackEventEndpoints.path(tenant: connection.tenant, connection: connection.id)) : nil),
            ("fields", .array(settings.fields.map { pair in
                AdminJSON.object([("field", AdminJSON.string(pair.first)), ("category", AdminJSON.string(pair.last))])
            })),
            ("intervalHours", settings.intervalHours.map { .integer(Int64($0)) }),
            ("nextRunAt", AdminJSON.date(connection.nextRunAt)),
            ("created", AdminJSON.date(connection.createdAt)),
        ])
    }

    /// A run as answered.
    static func json(_ run: ConnectionRun) -> JSONValue {
        let counts = (try? JSONDecoder().decode([String: Int].self, from: Data(run.summary.utf8))) ?? [:]
        return AdminJSON.object([
            ("id", .string(run.id)),
            ("outcome", .string(run.outcome.rawValue)),
            ("started", AdminJSON.date(run.startedAt)),
            ("finished", AdminJSON.date(run.finishedAt)),
            ("counts", AdminJSON.object(counts.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.integer(Int64($0.value))) })),
            ("error", AdminJSON.string(run.error)),
        ])
    }

    /// The body of a create (`existing == nil`) or a replace.
    static func input(_ body: JSONObject, existing: ConnectionKind?) throws(SCIMError) -> ConnectionService.Input {
        let kindText = try AdminJSON.string(body, "kind") ?? existing?.rawValue ?? ""
        guard let kind = ConnectionKind(rawValue: kindText) else {
            throw .invalidValue("'kind' is required: slack, teams or hris (BambooHR or Personio, see hrisSystem).")
        }
        guard let name = try AdminJSON.string(body, "name") else { throw .invalidValue("'name' is required.") }
        var settings = ConnectionSettings()
        settings.baseURL = try AdminJSON.string(body, "baseURL")
        settings.teamID = try AdminJSON.string(body, "teamID")
        settings.directoryID = try AdminJSON.string(body, "directoryID")
        settings.clientID = try AdminJSON.string(body, "clientID")
        settings.authorityURL = try AdminJSON.string(body, "authorityURL")
        settings.companyDomain = try AdminJSON.string(body, "companyDomain")
        settings.hrisSystem = try AdminJSON.string(body, "hrisSystem")
        if let hours = body[attribute: "intervalHours"] {
            // JSON has one number type: 24 and 24.0 are the same whole number.
            switch hours {
            case .integer(let value) where Int(exactly: value) != nil: settings.intervalHours = Int(value)
            case .decimal(let value) where value.rounded() == value && abs(value) < 1e9: settings.intervalHours = Int(value)
            default: throw .invalidValue("'intervalHours' must be a whole number of hours.")
            }
        }
        if let fields = body[attribute: "fields"] {
            guard case .array(let entries) = fields else { throw .invalidValue("'fields' must be an array of {field, category}.") }
            for entry in entries {
                guard case .object(let pair) = entry, let field = pair[attribute: "field"]?.stringValue,
                      let category = pair[attribute: "category"]?.stringValue else {
                    throw .invalidValue("Each entry of 'fields' is {\"field\": …, \"category\": …}.")
                }
                settings.fields.append([field, category])
            }
        }
        return ConnectionService.Input(kind: kind, name: name, settings: settings, secret: try AdminJSON.string(body, "secret"),
                                       signingSecret: try AdminJSON.string(body, "signingSecret"))
    }
}

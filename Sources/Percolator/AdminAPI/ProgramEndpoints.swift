import Coffee
import FoundationEssentials
import HTTP
import SCIM
import Store

/// `/api/v1/programs`: create and edit programs (audience, participation, group size,
/// rules, repeat avoidance, schedule), change their status, list their sessions, create
/// a one-off session, and read their statistics over the last sessions.
struct ProgramEndpoints {
    let service: AdminService

    var collection: String { "\(AdminService.root)/programs" }

    func register(on router: inout Router) {
        let programs = service.programs
        router.add(.get, collection) { request in
            await service.authenticated(request) { context in
                let list = try await programs.programs(tenant: context.tenant)
                let owners = try await programs.owners(tenant: context.tenant)
                return AdminJSON.response(200, AdminJSON.page(list.map { ProgramJSON.json($0, owners: owners[$0.id] ?? [], now: context.now) },
                                                              next: nil))
            }
        }
        router.add(.post, collection) { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                let now = context.now
                let program = try await programs.create(tenant: context.tenant, at: now, id: ProgramID(RandomID.make()),
                                                        owners: try ProgramJSON.owners(body)) { _, timeZone in
                    try ProgramJSON.draft(body, over: nil, now: now, timeZone: timeZone)
                }
                return AdminJSON.response(201, try await json(program, tenant: context.tenant, now: now),
                                          headers: [("Location", "\(collection)/\(program.id.rawValue)")])
            }
        }
        router.add(.get, "\(collection)/{id}") { request in
            await service.authenticated(request) { context in
                let program = try await programs.program(ProgramID(context.parameter("id")), tenant: context.tenant)
                return AdminJSON.response(200, try await json(program, tenant: context.tenant, now: context.now))
            }
        }
        router.add(.patch, "\(collection)/{id}") { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                let now = context.now
                let program = try await programs.update(ProgramID(context.parameter("id")), tenant: context.tenant, at: now,
                                                        owners: try ProgramJSON.owners(body)) { base, timeZone in
                    try ProgramJSON.draft(body, over: base, now: now, timeZone: timeZone)
                }
                return AdminJSON.response(200, try await json(program, tenant: context.tenant, now: now))
            }
        }
        for action in [ProgramAction.activate, .pause, .resume, .archive] {
            router.add(.post, "\(collection)/{id}/\(action.rawValue)") { request in
                await service.authenticated(request) { context in
                    let program = try await programs.perform(action, on: ProgramID(context.parameter("id")),
                                                             tenant: context.tenant, at: context.now)
                    return AdminJSON.response(200, try await json(program, tenant: context.tenant, now: context.now))
                }
            }
        }
        router.add(.get, "\(collection)/{id}/sessions") { request in
            await service.authenticated(request) { context in
                // Each session carries its opt-ins and opt-outs: years of a weekly opt-in
                // program, and any number of one-off sessions, were one answer of megabytes.
                // Paged by match time, which is one session's per program (its id holds it);
                // `next` is the last one's, in milliseconds since 1970.
                let limit = try context.limit()
                let after = try context.cursor()
                let page = try await programs.sessions(of: ProgramID(context.parameter("id")), tenant: context.tenant,
                                                       matchingAfter: after == 0 ? nil : AdminJSON.instant(milliseconds: after),
                                                       limit: limit)
                let next = page.hasMore ? page.sessions.last.map { AdminJSON.milliseconds($0.matchAt) } : nil
                return AdminJSON.response(200, AdminJSON.page(page.sessions.map(SessionJSON.json), next: next))
            }
        }
        router.add(.post, "\(collection)/{id}/sessions") { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                guard let value = body[attribute: "matchAt"], !value.isNull else {
                    throw SCIMError.invalidValue("'matchAt' is required: the ISO 8601 instant of the matching, e.g. 2026-12-01T09:30:00Z.")
                }
                guard let text = value.stringValue, let matchAt = AdminJSON.parseDate(text) else {
                    throw SCIMError.invalidValue("'matchAt' is not an ISO 8601 instant with its offset, e.g. 2026-12-01T09:30:00Z.")
                }
                let session = try await programs.addSession(to: ProgramID(context.parameter("id")), matchAt: matchAt,
                                                            tenant: context.tenant, at: context.now)
                return AdminJSON.response(201, SessionJSON.json(session),
                                          headers: [("Location", "\(AdminService.root)/sessions/\(session.id.rawValue)")])
            }
        }
        router.add(.get, "\(collection)/{id}/statistics") { request in
            await service.authenticated(request) { context in
                let last = try Self.last(context)
                let statistics = try await programs.statistics(of: ProgramID(context.parameter("id")), last: last,
                                                               tenant: context.tenant)
                let feedback = try await programs.feedbackStatistics(of: ProgramID(context.parameter("id")), last: last,
                                                                     tenant: context.tenant)
                return AdminJSON.response(200, SessionJSON.statistics(statistics, feedback: feedback))
            }
        }
        // The connections matrix over a category (issue 13, item 8; console-a), as the console's statistics page shows it.
        router.add(.get, "\(collection)/{id}/statistics/connections") { request in
            await service.authenticated(request) { context in
                let last = try Self.last(context)
                let category = context.query("category") ?? ""
                let matrix = try await programs.connections(of: ProgramID(context.parameter("id")), last: last, category: category,
                                                            tenant: context.tenant)
                guard !matrix.isTooLargeToDraw else {
                    throw SCIMError.invalidValue("'\(category.prefix(100))' has \(matrix.values.count) values among these sessions' members; "
                        + "the matrix is drawn for a category of at most \(ConnectionMatrix.maximumValues): choose another category.")
                }
                return AdminJSON.response(200, ConnectionMatrixJSON.json(matrix, category: category, last: last))
            }
        }
    }

    /// The `last` query parameter: how many of the latest matched sessions to count (≥ 1, default 10).
    static func last(_ context: AdminContext) throws(SCIMError) -> Int {
        try context.query("last").map { text throws(SCIMError) -> Int in
            guard let value = Int(text), value >= 1 else { throw .invalidValue("'last' must be a whole number of sessions, at least 1.") }
            return value
        } ?? 10
    }

    /// `program` as JSON, with its owners.
    private func json(_ program: Program, tenant: TenantID, now: Date) async throws -> JSONValue {
        ProgramJSON.json(program, owners: try await service.programs.owners(of: program.id, tenant: tenant), now: now)
    }
}

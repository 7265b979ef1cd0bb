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
        router.add(.get, collection) { request in
            await service.authenticated(request) { context in
                let tenant = context.tenant
                let programs = try await service.read { db in try db.programs.programs(tenant: tenant) }
                return AdminJSON.response(200, AdminJSON.page(programs.map { ProgramJSON.json($0, now: context.now) }, next: nil))
            }
        }
        router.add(.post, collection) { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                let tenant = context.tenant
                let now = context.now
                let program = try await service.write { db -> Program in
                    let settings = try db.settings.settings(tenant: tenant)
                    let draft = try ProgramJSON.draft(body, over: nil, now: now, timeZone: settings.timeZoneIdentifier)
                        .resolvingCategories(in: try db.categories.catalog(tenant: tenant))
                    try Self.checkGroup(draft.audience, tenant: tenant, in: db)
                    let program = try ProgramTransition.create(id: ProgramID(RandomID.make()), tenantID: tenant,
                                                               draft: draft, at: now)
                    try db.programs.save(program)
                    return program
                }
                return AdminJSON.response(201, ProgramJSON.json(program, now: now),
                                          headers: [("Location", "\(collection)/\(program.id.rawValue)")])
            }
        }
        router.add(.get, "\(collection)/{id}") { request in
            await service.authenticated(request) { context in
                let program = try await program(context)
                return AdminJSON.response(200, ProgramJSON.json(program, now: context.now))
            }
        }
        router.add(.patch, "\(collection)/{id}") { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                return try await change(context) { program, db, now in
                    let settings = try db.settings.settings(tenant: context.tenant)
                    let draft = try ProgramJSON.draft(body, over: program.draft, now: now, timeZone: settings.timeZoneIdentifier)
                        .resolvingCategories(in: try db.categories.catalog(tenant: context.tenant))
                    try Self.checkGroup(draft.audience, tenant: context.tenant, in: db)
                    return try ProgramTransition.update(program, with: draft, at: now)
                }
            }
        }
        for (action, transition) in [
            ("activate", { @Sendable (program: Program, now: Date) throws(ProgramError) in try ProgramTransition.activate(program, at: now) }),
            ("pause", { @Sendable (program: Program, now: Date) throws(ProgramError) in try ProgramTransition.pause(program, reason: .byAdmin, at: now) }),
            ("resume", { @Sendable (program: Program, now: Date) throws(ProgramError) in try ProgramTransition.resume(program, at: now) }),
            ("archive", { @Sendable (program: Program, now: Date) throws(ProgramError) in try ProgramTransition.archive(program, at: now) }),
        ] as [(String, @Sendable (Program, Date) throws(ProgramError) -> Program)] {
            router.add(.post, "\(collection)/{id}/\(action)") { request in
                await service.authenticated(request) { context in
                    try await change(context) { program, db, now in
                        guard action == "activate" || action == "resume" else { return try transition(program, now) }
                        try Self.checkGroup(program.audience, tenant: context.tenant, in: db)
                        // Its next session exists when the request returns, not a scheduler tick later.
                        let next = try transition(program, now)
                        for step in try db.sessions.planSessions(of: next, tenant: context.tenant, at: now) {
                            SchedulerLog.standardError.record(tenant: context.tenant.rawValue, action: step.action,
                                                              session: step.session, trigger: action)
                        }
                        return next
                    }
                }
            }
        }
        router.add(.get, "\(collection)/{id}/sessions") { request in
            await service.authenticated(request) { context in
                let program = try await program(context)
                let tenant = context.tenant
                let sessions = try await service.read { db in
                    try db.sessions.sessions(program: program.id, tenant: tenant)
                }
                return AdminJSON.response(200, AdminJSON.page(sessions.map(SessionJSON.json), next: nil))
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
                guard matchAt > context.now else { throw SCIMError.invalidValue("'matchAt' must be in the future.") }
                let id = context.parameter("id")
                let tenant = context.tenant
                let now = context.now
                let session = try await service.write { db -> Session in
                    guard let program = try db.programs.program(id: ProgramID(id), tenant: tenant) else {
                        throw SCIMError.notFound("Program '\(id)' not found.")
                    }
                    guard program.status != .archived else {
                        throw SCIMError(status: 409, detail: "The program is archived; it takes no new session.")
                    }
                    let session = Session.scheduled(for: program, matchAt: matchAt, at: now)
                    guard try db.sessions.insert(session) else {
                        throw SCIMError.uniqueness("The program already has a session matching at \(text).")
                    }
                    return session
                }
                return AdminJSON.response(201, SessionJSON.json(session),
                                          headers: [("Location", "\(AdminService.root)/sessions/\(session.id.rawValue)")])
            }
        }
        router.add(.get, "\(collection)/{id}/statistics") { request in
            await service.authenticated(request) { context in
                let program = try await program(context)
                let last = try context.query("last").map { text throws(SCIMError) -> Int in
                    guard let value = Int(text), value >= 1 else { throw .invalidValue("'last' must be a whole number of sessions, at least 1.") }
                    return value
                } ?? 10
                let tenant = context.tenant
                let sessions = try await service.read { db in
                    try db.sessions.sessions(program: program.id, tenant: tenant)
                }
                return AdminJSON.response(200, SessionJSON.statistics(ProgramStatistics.of(sessions: sessions, last: last)))
            }
        }
    }

    /// The program named by the path, or 404.
    func program(_ context: AdminContext) async throws -> Program {
        let id = context.parameter("id")
        let tenant = context.tenant
        guard let program = try await service.read({ db in try db.programs.program(id: ProgramID(id), tenant: tenant) }) else {
            throw SCIMError.notFound("Program '\(id)' not found.")
        }
        return program
    }

    /// Applies `body` to the program named by the path in one write transaction.
    func change(_ context: AdminContext,
                _ body: @escaping @Sendable (Program, any StorageTransaction, Date) throws -> Program) async throws -> HTTPResponse {
        let id = context.parameter("id")
        let tenant = context.tenant
        let now = context.now
        let program = try await service.write { db -> Program in
            guard let program = try db.programs.program(id: ProgramID(id), tenant: tenant) else {
                throw SCIMError.notFound("Program '\(id)' not found.")
            }
            let next = try body(program, db, now)
            if next != program { try db.programs.save(next) }
            return next
        }
        return AdminJSON.response(200, ProgramJSON.json(program, now: now))
    }

    /// A group audience must name a group of the tenant.
    static func checkGroup(_ audience: Audience, tenant: Store.TenantID, in db: any StorageTransaction) throws {
        if case .group(let group) = audience, try db.groups.group(id: group, tenant: tenant) == nil {
            throw SCIMError.invalidValue("The audience group '\(group.rawValue)' is not a SCIM group of this organisation.")
        }
    }
}

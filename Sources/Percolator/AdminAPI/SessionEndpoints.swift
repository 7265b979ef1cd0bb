import Coffee
import FoundationEssentials
import HTTP
import SCIM
import Store

/// `/api/v1/sessions/{id}`: one round of a program. Open it, run its matching now,
/// preview a matching with a seed without saving it, cancel it, read its matches, and
/// opt members in or out on their behalf.
struct SessionEndpoints {
    let service: AdminService
    let matcher: SessionMatcher

    var item: String { "\(AdminService.root)/sessions/{id}" }

    func register(on router: inout Router) {
        router.add(.get, item) { request in
            await service.authenticated(request) { context in
                AdminJSON.response(200, SessionJSON.json(try await session(context)))
            }
        }
        router.add(.post, "\(item)/open") { request in
            await service.authenticated(request) { context in
                try await change(context) { session, now throws(SessionError) in try SessionTransition.open(session, at: now) }
            }
        }
        router.add(.post, "\(item)/cancel") { request in
            await service.authenticated(request) { context in
                try await change(context) { session, now throws(SessionError) in
                    try SessionTransition.cancel(session, reason: .byAdmin, at: now)
                }
            }
        }
        router.add(.post, "\(item)/match") { request in
            await service.authenticated(request) { context in
                let outcome = try await matcher.match(session: context.parameter("id"), tenant: context.tenant, at: context.now)
                return AdminJSON.response(200, SessionJSON.json(outcome.session))
            }
        }
        router.add(.post, "\(item)/preview") { request in
            await service.authenticated(request) { context in
                let seed = try context.query("seed").map { text throws(SCIMError) -> UInt64 in
                    guard let seed = UInt64(text) else { throw .invalidValue("'seed' must be a whole number from 0 to 2^64-1.") }
                    return seed
                }
                let tenant = context.tenant
                let outcome = try await matcher.preview(session: context.parameter("id"), tenant: tenant, seed: seed, at: context.now)
                return AdminJSON.response(200, SessionJSON.matches(outcome.result, excluded: outcome.excluded,
                                                                   members: outcome.members, unavailable: [], saved: false))
            }
        }
        router.add(.get, "\(item)/matches") { request in
            await service.authenticated(request) { context in
                let session = try await session(context)
                let tenant = context.tenant
                let id = session.id.rawValue
                let found = try await service.read { db -> (MatchingResult, Set<String>, [String: Member])? in
                    guard let result = try db.sessions.result(session: SessionID(id), tenant: tenant) else { return nil }
                    // Only the matched members, whatever the tenant's size.
                    var members: [String: Member] = [:]
                    for memberID in result.groups.flatMap(\.members) {
                        members[memberID.rawValue] = try db.members.member(id: MemberID(memberID.rawValue), tenant: tenant)
                    }
                    return (result, try db.sessions.unavailableMembers(session: SessionID(id), tenant: tenant), members)
                }
                guard let (result, unavailable, members) = found else {
                    throw SCIMError.notFound("Session '\(id)' is \(session.state.rawValue): it has no matches yet.")
                }
                return AdminJSON.response(200, SessionJSON.matches(result, excluded: nil, members: members,
                                                                   unavailable: unavailable, saved: true))
            }
        }
        router.add(.put, "\(item)/participants/{member}") { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                guard let optIn = body[attribute: "optIn"]?.boolValue else {
                    throw SCIMError.invalidValue("'optIn' is required: true to take part in this session, false to sit it out.")
                }
                let memberID = context.parameter("member")
                let tenant = context.tenant
                let found = try await service.read { db in try db.members.member(id: MemberID(memberID), tenant: tenant) }
                guard found != nil else { throw SCIMError.notFound("Member '\(memberID)' not found.") }
                return try await change(context) { session, now throws(SessionError) in
                    optIn ? try SessionTransition.optIn(session, member: MemberID(memberID), at: now)
                          : try SessionTransition.optOut(session, member: MemberID(memberID), at: now)
                }
            }
        }
    }

    /// The session named by the path, or 404.
    func session(_ context: AdminContext) async throws -> Session {
        let id = context.parameter("id")
        let tenant = context.tenant
        guard let session = try await service.read({ db in try db.sessions.session(id: SessionID(id), tenant: tenant) }) else {
            throw SCIMError.notFound("Session '\(id)' not found.")
        }
        return session
    }

    /// Applies a transition to the session named by the path in one write transaction.
    func change(_ context: AdminContext,
                _ transition: @escaping @Sendable (Session, Date) throws(SessionError) -> Session) async throws -> HTTPResponse {
        let id = context.parameter("id")
        let tenant = context.tenant
        let now = context.now
        let session = try await service.write { db -> Session in
            guard let session = try db.sessions.session(id: SessionID(id), tenant: tenant) else {
                throw SCIMError.notFound("Session '\(id)' not found.")
            }
            let next = try transition(session, now)
            if next != session { try db.sessions.update(next) }
            return next
        }
        return AdminJSON.response(200, SessionJSON.json(session))
    }
}

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

    var item: String { "\(AdminService.root)/sessions/{id}" }

    func register(on router: inout Router) {
        let sessions = service.sessions
        router.add(.get, item) { request in
            await service.authenticated(request) { context in
                AdminJSON.response(200, SessionJSON.json(try await sessions.session(Self.id(context), tenant: context.tenant)))
            }
        }
        router.add(.post, "\(item)/open") { request in
            await service.authenticated(request) { context in
                AdminJSON.response(200, SessionJSON.json(try await sessions.open(Self.id(context), tenant: context.tenant, at: context.now)))
            }
        }
        router.add(.post, "\(item)/cancel") { request in
            await service.authenticated(request) { context in
                AdminJSON.response(200, SessionJSON.json(try await sessions.cancel(Self.id(context), tenant: context.tenant, at: context.now)))
            }
        }
        router.add(.post, "\(item)/match") { request in
            await service.authenticated(request) { context in
                let outcome = try await sessions.match(Self.id(context), tenant: context.tenant, at: context.now)
                let response = AdminJSON.response(200, SessionJSON.json(outcome.session))
                // Its members and result freed after the answer, off this reader's queue (issue 16).
                SessionMatcher.releaseOffStorage(outcome)
                return response
            }
        }
        router.add(.post, "\(item)/preview") { request in
            await service.authenticated(request) { context in
                let seed = try context.query("seed").map { text throws(SCIMError) -> UInt64 in
                    guard let seed = UInt64(text) else { throw .invalidValue("'seed' must be a whole number from 0 to 2^64-1.") }
                    return seed
                }
                let outcome = try await sessions.preview(Self.id(context), seed: seed, tenant: context.tenant, at: context.now)
                return AdminJSON.response(200, SessionJSON.matches(outcome.result, excluded: outcome.excluded,
                                                                   members: outcome.members, unavailable: [], saved: false))
            }
        }
        router.add(.get, "\(item)/matches") { request in
            await service.authenticated(request) { context in
                let limit = try context.limit(preferred: 1_000, maximum: 5_000)
                let matches = try await sessions.matches(of: Self.id(context), tenant: context.tenant,
                                                         from: Int(clamping: try context.cursor()), limit: limit)
                let next = matches.page.upperBound < matches.result.groups.count ? matches.page.upperBound : nil
                return AdminJSON.response(200, SessionJSON.matches(matches.result, excluded: nil, members: matches.members,
                                                                   unavailable: matches.unavailable, saved: true,
                                                                   page: matches.page, next: next))
            }
        }
        router.add(.put, "\(item)/participants/{member}") { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                guard let optIn = body[attribute: "optIn"]?.boolValue else {
                    throw SCIMError.invalidValue("'optIn' is required: true to take part in this session, false to sit it out.")
                }
                let session = try await sessions.setParticipation(of: MemberID(context.parameter("member")), in: Self.id(context),
                                                                  optIn: optIn, tenant: context.tenant, at: context.now)
                return AdminJSON.response(200, SessionJSON.json(session))
            }
        }
    }

    /// The session id of the path.
    static func id(_ context: AdminContext) -> SessionID { SessionID(context.parameter("id")) }
}

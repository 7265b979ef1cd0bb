import Coffee
import FoundationEssentials
import HTTP
import SCIM
import Store

/// `POST /api/v1/slack-events/{tenantId}/{connectionId}`: the Request URL an admin gives
/// Slack's Events API for a Slack connection (issue 14). No bearer token: Slack signs each
/// request with the app's signing secret, which the connection holds sealed; an unsigned,
/// forged or stale request is refused with 401 and changes nothing.
struct SlackEventEndpoints {
    let service: AdminService

    /// The path of connection `id` of `tenant`, as the connection's answers show it.
    static func path(tenant: TenantID, connection id: ConnectionID) -> String {
        "\(AdminService.root)/slack-events/\(tenant.rawValue)/\(id.rawValue)"
    }

    func register(on router: inout Router) {
        router.add(.post, "\(AdminService.root)/slack-events/{tenant}/{id}") { request in
            await ErrorLog.$requestID.withValue(request.requestID) {
                do {
                    let outcome = try await service.services.connections.slackEvent(
                        ConnectionID(request.pathParameters["id"] ?? ""), tenant: TenantID(rawValue: request.pathParameters["tenant"] ?? ""),
                        timestamp: request.headers["x-slack-request-timestamp"], signature: request.headers["x-slack-signature"],
                        body: request.body, at: service.now())
                    switch outcome {
                    case .challenge(let challenge): return AdminJSON.response(200, AdminJSON.object([("challenge", .string(challenge))]))
                    case .applied, .ignored: return HTTPResponse(status: 200)
                    }
                } catch ConnectionService.SlackEventRefusal.unknownConnection {
                    return SCIMResponses.error(.notFound("No Slack connection receives events here."))
                } catch ConnectionService.SlackEventRefusal.rejected {
                    return SCIMResponses.error(.unauthorized("The request is not signed by this connection's Slack app, or is stale."))
                } catch ConnectionService.SlackEventRefusal.malformed {
                    return SCIMResponses.error(.badRequest("The body is not a Slack Events API document."))
                } catch {
                    return SCIMResponses.error(AdminErrors.scimError(for: error))
                }
            }
        }
    }
}

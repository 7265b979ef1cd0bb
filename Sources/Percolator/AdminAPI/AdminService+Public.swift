import FoundationEssentials
import HTTP
import SCIM

extension AdminService {
    /// Runs `body` for a request that carries no admin token — what an invited person's
    /// browser calls (accepting an invitation, signing up through a link), where the
    /// token in the body is the credential and names the tenant — and renders any error
    /// as a SCIM error body, like ``authenticated(_:_:)``.
    func unauthenticated(_ request: HTTPRequest,
                         _ body: (_ json: JSONObject, _ now: Date) async throws -> HTTPResponse) async -> HTTPResponse {
        await ErrorLog.$requestID.withValue(request.requestID) {
            do {
                return try await body(try RequestBody.jsonObject(of: request), now())
            } catch {
                return SCIMResponses.error(AdminErrors.scimError(for: error))
            }
        }
    }
}

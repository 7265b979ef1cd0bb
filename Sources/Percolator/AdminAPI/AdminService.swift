import Coffee
import FoundationEssentials
import HTTP
import SCIM
import Store

/// The admin API under `/api/v1` (spec/openapi.yaml): what an organisation's admins see
/// and do beyond provisioning — members, categories, the outbox, settings, CSV imports,
/// invitations, programs and sessions.
///
/// Authenticated by **admin** tokens (a SCIM token never opens it). Every query carries
/// the token's tenant: another tenant's ids answer 404 as if they did not exist. Errors
/// use the SCIM error body (`application/scim+json`, `status`, `scimType`, `detail`) like
/// the rest of the server, so clients parse one shape.
final class AdminService: Sendable {
    static let root = "/api/v1"

    /// The application services every admin route calls.
    let services: ApplicationServices
    var programs: ProgramService { services.programs }
    var members: MemberService { services.members }
    var invitations: InvitationService { services.invitations }
    var sessions: SessionService { services.sessions }
    var categories: CategoryService { services.categories }
    var tenant: TenantService { services.tenant }
    var imports: ImportService { services.imports }
    var extensionSchemas: ExtensionSchemaService { services.extensionSchemas }
    let authenticator: BearerAuthenticator
    /// Limits (CSV import size, invitation lifetime) and the clock.
    let settings: AdminServiceSettings
    let now: @Sendable () -> Date
    /// Each tenant's bucket of admin requests (apart from its SCIM bucket).
    let limiter: RateLimiter

    init(store: any AccountStore, services: ApplicationServices, tokenCacheTTL: Duration,
         settings: AdminServiceSettings = AdminServiceSettings(),
         limiter: RateLimiter = RateLimiter(name: "admin", policy: RateLimitSettings().admin)) {
        self.limiter = limiter
        self.services = services
        self.authenticator = BearerAuthenticator(store: store, kind: .admin, ttl: tokenCacheTTL)
        self.settings = settings
        self.now = settings.clock
    }

    /// Registers every admin route.
    /// The admin-token routes are registered with a head check: a request whose token is
    /// missing or wrong is refused with 401 before its body is read.
    func register(on router: inout Router) {
        router.checkingHeads(with: headCheck) { router in
            MemberEndpoints(service: self).register(on: &router)
            TenantEndpoints(service: self).register(on: &router)
            CategoryEndpoints(service: self).register(on: &router)
            GroupEndpoints(service: self).register(on: &router)
            ProgramEndpoints(service: self).register(on: &router)
            ProgramMemberEndpoints(service: self).register(on: &router)
            SessionEndpoints(service: self).register(on: &router)
            ImportEndpoints(service: self).register(on: &router)
            InvitationEndpoints(service: self).register(on: &router)
            ConnectionEndpoints(service: self).register(on: &router)
            ExtensionSchemaEndpoints(service: self).register(on: &router)
            // Issue 15: the SCIM provisioning log.
            ProvisioningLogEndpoints(service: self).register(on: &router)
        }
        InvitationEndpoints(service: self).registerPublic(on: &router)
        // Issue 14: Slack's Events API, signed by the Slack app instead of a bearer token.
        SlackEventEndpoints(service: self).register(on: &router)
    }

    /// The head check of the admin-token routes: the token's 401 (or 503), and the
    /// tenant's 429 when its bucket is empty, before the body is read (taking nothing
    /// from the bucket: the handler does).
    var headCheck: Router.HeadCheck {
        { [authenticator, limiter] head in
            do {
                let tenant = try await authenticator.tenant(for: head.headers)
                return limiter.refusalIfEmpty(tenant)
            } catch {
                return SCIMResponses.error(AdminErrors.scimError(for: error),
                                           credentialsPresented: head.headers["authorization"] != nil)
            }
        }
    }

    /// Authenticates `request` with an admin token, runs `body` for its tenant, and
    /// renders any error as a SCIM error body.
    func authenticated(_ request: HTTPRequest,
                       _ body: (AdminContext) async throws -> HTTPResponse) async -> HTTPResponse {
        await ErrorLog.$requestID.withValue(request.requestID) {
            let tenant: Store.TenantID
            do {
                tenant = try await authenticator.tenant(for: request)
            } catch {
                return SCIMResponses.error(AdminErrors.scimError(for: error),
                                           credentialsPresented: request.headers["authorization"] != nil)
            }
            let decision = limiter.take(tenant)
            if case .refused(let retryAfter) = decision {
                var refusal = limiter.refusal(retryAfter: retryAfter)
                refusal.logFields.append(("tenant", tenant.rawValue))
                return refusal
            }
            var response: HTTPResponse
            do {
                try Self.refuseRepeatedParameters(request)
                response = try await body(AdminContext(tenant: tenant, request: request, now: now()))
            } catch {
                response = SCIMResponses.error(AdminErrors.scimError(for: error))
            }
            limiter.annotate(&response, with: decision)
            response.logFields.append(("tenant", tenant.rawValue))
            return response
        }
    }

    /// Refuses a query that names a parameter twice: no admin parameter takes several
    /// values, and reading the first one silently made `POST /imports?dryRun=false&dryRun=true`
    /// (a client or proxy appending `dryRun=true` "to be safe") write the members.
    static func refuseRepeatedParameters(_ request: HTTPRequest) throws(SCIMError) {
        var seen = Set<String>()
        for item in request.queryItems where !seen.insert(item.name).inserted {
            throw .invalidValue("The parameter '\(item.name.prefix(100))' is given more than once; give it once.")
        }
    }
}

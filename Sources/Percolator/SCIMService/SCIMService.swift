import Coffee
import HTTP
import SCIM
import Store

/// The SCIM 2.0 service under `/scim/v2` (RFC 7644): authentication, discovery, and
/// the resource endpoints. Every handler runs behind ``authenticated(_:_:)``, which
/// turns the bearer token into a tenant and every thrown `SCIMError` into its message.
final class SCIMService: Sendable {
    static let root = "/scim/v2"

    let store: any AccountStore
    let settings: SCIMServiceSettings
    let authenticator: BearerAuthenticator
    let operations: ResourceOperations
    /// Each tenant's bucket of requests.
    let limiter: RateLimiter
    /// Issues and checks RFC 9865 cursors.
    let cursors: CursorCodec
    /// Where each request is recorded (issue 15); `nil`: not recorded.
    let provisioningLog: ProvisioningLog?

    /// A service over `resources`, the one resource store of the process (its observer
    /// writes the domain rows of each change).
    init(store: any AccountStore, resources: any ResourceStore, persistence: any Persistence, settings: SCIMServiceSettings,
         limiter: RateLimiter = RateLimiter(name: "scim", policy: RateLimitSettings().scim),
         provisioningLog: ProvisioningLog? = nil) {
        self.store = store
        self.provisioningLog = provisioningLog
        self.settings = settings
        self.limiter = limiter
        self.authenticator = BearerAuthenticator(store: store, kind: .scim, ttl: settings.tokenCacheTTL)
        cursors = CursorCodec(signer: HMACSHA256CursorSigner(key: settings.cursorSecret ?? Self.randomSecret()),
                              timeout: settings.cursorTimeout)
        operations = ResourceOperations(resources: resources, settings: settings,
                                        configurations: SCIMConfigurationCache(persistence: persistence),
                                        extensionSchemas: ExtensionSchemaService(persistence: persistence))
    }

    /// 32 bytes from the system's random generator: the cursor key of a process that was
    /// given none (see ``SCIMServiceSettings/cursorSecret``).
    static func randomSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
    }

    /// The resource store's limits for `settings`.
    static func storeConfiguration(_ settings: SCIMServiceSettings) -> SQLiteResourceStore.Configuration {
        var configuration = SQLiteResourceStore.Configuration()
        configuration.maxCandidates = settings.maxFilterCandidates
        configuration.maxPageSize = settings.maxResults
        return configuration
    }

    /// The `/ServiceProviderConfig` this service tells the truth with (RFC 7643 §5).
    var serviceProviderConfig: ServiceProviderConfig {
        ServiceProviderConfig(
            documentationURI: "https://github.com/percolator/percolator#readme",
            patchSupported: true, bulkSupported: true,
            bulkMaxOperations: settings.bulkMaxOperations, bulkMaxPayloadSize: settings.bulkMaxPayloadSize,
            filterSupported: true, filterMaxResults: settings.maxResults,
            changePasswordSupported: false, sortSupported: true, etagSupported: true,
            authenticationSchemes: [.oauthBearerToken],
            // RFC 9865 §2.4: index stays the default, as before cursors came, so clients
            // that page by startIndex (or not at all) see no change.
            pagination: .init(cursor: true, index: true, defaultPaginationMethod: .index,
                              defaultPageSize: settings.maxResults, maxPageSize: settings.maxResults,
                              cursorTimeout: Int(settings.cursorTimeout.components.seconds)))
    }

    /// Registers every SCIM route, each with a head check: a request whose bearer token
    /// is missing or wrong is refused with 401 before its body is read.
    func register(on router: inout Router) {
        router.checkingHeads(with: headCheck) { router in
            DiscoveryEndpoints(service: self).register(on: &router)
            ResourceEndpoints(service: self, operations: operations, kind: .user).register(on: &router)
            ResourceEndpoints(service: self, operations: operations, kind: .group).register(on: &router)
            RootSearchEndpoint(service: self, operations: operations).register(on: &router)
            BulkEndpoint(service: self, operations: operations).register(on: &router)
            let me = "\(Self.root)/Me"
            for method in [HTTPMethod.get, .post, .put, .patch, .delete] {
                router.add(method, me) { request in
                    await self.authenticated(request) { _ throws(SCIMError) in
                        // RFC 7644 §3.11: a provider that does not support /Me answers 501.
                        throw .notImplemented("/Me is not supported: Percolator's bearer tokens identify an identity provider, not a user.")
                    }
                }
            }
        }
    }

    /// The head check of every SCIM route: the token's 401 (or 503), and the tenant's 429
    /// when its bucket is empty, before the body is read. It takes no token from the
    /// bucket: the handler does, once per request.
    var headCheck: Router.HeadCheck {
        { [authenticator, limiter] head in
            do throws(SCIMError) {
                let tenant = try await authenticator.tenant(for: head.headers)
                return limiter.refusalIfEmpty(tenant)
            } catch {
                return SCIMResponses.error(error, credentialsPresented: head.headers["authorization"] != nil)
            }
        }
    }

    /// Authenticates `request`, runs `body` for its tenant, and renders any `SCIMError`.
    func authenticated(_ request: HTTPRequest,
                       _ body: (SCIMContext) async throws(SCIMError) -> HTTPResponse) async -> HTTPResponse {
        var response = await ErrorLog.$requestID.withValue(request.requestID) { await run(request, body) }
        // OneLogin asks that every response be typed application/json (its "Implement a
        // SCIM API" page; fixtures/onelogin/README.md): a client that accepts only that
        // gets the same body under that type.
        if let accept = request.headers["accept"], Self.acceptsOnlyJSON(accept),
           response.headers["content-type"] == SCIMResponses.mediaType {
            response.headers.set(name: "Content-Type", value: "application/json")
        }
        return response
    }

    static func acceptsOnlyJSON(_ accept: String) -> Bool {
        let types = accept.split(separator: ",").map { $0.split(separator: ";").first.map { trimmingSpaces($0).lowercased() } ?? "" }
        return types == ["application/json"]
    }

    /// `text` without leading and trailing spaces; by hand, as `trimmingCharacters(in:)`
    /// bridges through NSString (microseconds), and ``acceptsOnlyJSON(_:)`` runs on every
    /// SCIM request.
    static func trimmingSpaces(_ text: Substring) -> Substring {
        guard let first = text.firstIndex(where: { $0 != " " }), let last = text.lastIndex(where: { $0 != " " }) else { return "" }
        return text[first...last]
    }

    private func run(_ request: HTTPRequest,
                     _ body: (SCIMContext) async throws(SCIMError) -> HTTPResponse) async -> HTTPResponse {
        let tenant: TenantID
        let token: TokenID
        do {
            (tenant, token) = try await authenticator.credential(for: request.headers)
        } catch {
            return SCIMResponses.error(error, credentialsPresented: request.headers["authorization"] != nil)
        }
        let log = provisioningLog.map { _ in ProvisioningLogRequest(request, tenant: tenant, token: token) }
        let decision = limiter.take(tenant)
        if case .refused(let retryAfter) = decision {
            var refusal = limiter.refusal(retryAfter: retryAfter)
            refusal.logFields.append(("tenant", tenant.rawValue))
            if let log { provisioningLog?.finish(log, response: refusal, error: nil) }
            return refusal
        }
        let context = SCIMContext(tenant: tenant, baseURL: baseURL(for: request), request: request)
        // The request travels with its writes to their transaction (ProvisioningObserver).
        let outcome = await ResourceWriteContext.$current.withValue(SCIMWriteContext(log: log)) { () async -> Result<HTTPResponse, SCIMError> in
            do throws(SCIMError) {
                return .success(try await body(context))
            } catch {
                return .failure(error)
            }
        }
        var response: HTTPResponse
        var failure: SCIMError?
        switch outcome {
        case .success(let answered): response = answered
        case .failure(let error):
            failure = error
            response = SCIMResponses.error(error)
        }
        if let log { provisioningLog?.finish(log, response: response, error: failure) }
        limiter.annotate(&response, with: decision)
        response.logFields.append(("tenant", tenant.rawValue))
        return response
    }

    /// The base URL from settings (`base-url`), else from the `Host` header when it is a
    /// plain `host[:port]`, else from the address the server listens on: a `Host` such as
    /// `127.0.0.1:8080@evil.example` never reaches `meta.location` or `Location`.
    func baseURL(for request: HTTPRequest) -> String {
        if let configured = settings.publicBaseURL {
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        let authority = request.headers["host"].flatMap(HostAuthority.validated)
            ?? (request.listeningAuthority.isEmpty ? "localhost" : request.listeningAuthority)
        return "http://\(authority)\(Self.root)"
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// An app-only access token for Microsoft Graph from the Microsoft identity platform's
/// client-credentials flow: `POST {authority}/{tenant}/oauth2/v2.0/token` with
/// `grant_type=client_credentials`, `client_id`, `client_secret` and
/// `scope=https://graph.microsoft.com/.default`
/// (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow,
/// "Get a token" and "Successful response"). The token is cached until a minute before
/// `expires_in` runs out, or until ``invalidate()`` after Graph refuses it.
public final class MicrosoftIdentityTokenProvider: Sendable {
    /// The identity platform in the global cloud; national clouds have their own.
    public static let productionAuthority = "https://login.microsoftonline.com"
    /// The scope of an app-only Graph token in the global cloud.
    public static let graphScope = "https://graph.microsoft.com/.default"

    private struct Cached {
        var token: String
        var expiresAt: Date
    }

    let authority: URL
    let tenantID: String
    let clientID: String
    let clientSecret: String
    let scope: String
    let http: ConnectorHTTPClient
    private let cache = Mutex<Cached?>(nil)
    private let now: @Sendable () -> Date

    /// A provider for the Entra application `clientID` of directory `tenantID`.
    public init(authority: URL, tenantID: String, clientID: String, clientSecret: String, scope: String = graphScope,
                configuration: ConnectorClientConfiguration = ConnectorClientConfiguration(),
                sleep: (@Sendable (TimeInterval) async -> Void)? = nil, now: @escaping @Sendable () -> Date = Date.init) {
        self.authority = authority
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scope = scope
        self.http = ConnectorHTTPClient(configuration: configuration, sleep: sleep)
        self.now = now
    }

    /// A valid token, from the cache or freshly requested.
    public func token() async throws(ConnectorFailure) -> String {
        let current = now()
        if let cached = cache.withLock({ $0 }), cached.expiresAt > current { return cached.token }
        let fresh = try await requestToken()
        // One minute of margin, so a token never expires between the check and its use.
        let expiresAt = current.addingTimeInterval(max(0, fresh.expiresIn - 60))
        cache.withLock { $0 = Cached(token: fresh.accessToken, expiresAt: expiresAt) }
        return fresh.accessToken
    }

    /// Forgets the cached token (Graph answered 401: revoked or expired early).
    public func invalidate() {
        cache.withLock { $0 = nil }
    }

    private func requestToken() async throws(ConnectorFailure) -> (accessToken: String, expiresIn: TimeInterval) {
        let tenant = tenantID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? tenantID
        var request = URLRequest(url: try ConnectorJSON.url(authority, path: "/\(tenant)/oauth2/v2.0/token"))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.httpBody = Data(Self.formEncoded([
            ("client_id", clientID), ("scope", scope), ("client_secret", clientSecret), ("grant_type", "client_credentials"),
        ]).utf8)
        let response = try await http.send(request)
        guard response.status == 200 else {
            // The error body (RFC 6749 §5.2) names the OAuth error; AADSTS codes are in
            // its description, which may quote the client id, so only `error` is kept.
            let code = (try? JSONDecoder().decode(TokenError.self, from: response.body))?.error
            if response.status == 400 || response.status == 401 {
                throw .unauthorized(code ?? "HTTP \(response.status)")
            }
            throw .httpStatus(response.status)
        }
        let body = try ConnectorJSON.decode(TokenResponse.self, from: response.body, page: 1, what: "token response")
        guard body.token_type.caseInsensitiveCompare("Bearer") == .orderedSame, !body.access_token.isEmpty else {
            throw .malformedResponse("the token response holds no bearer token")
        }
        return (body.access_token, TimeInterval(body.expires_in))
    }

    /// `application/x-www-form-urlencoded` (WHATWG URL §5.2): unreserved characters
    /// kept, everything else percent-encoded.
    static func formEncoded(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return pairs.map { name, value in
            (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "="
                + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }

    private struct TokenResponse: Decodable {
        var token_type: String
        var expires_in: Int
        var access_token: String
    }

    private struct TokenError: Decodable {
        var error: String
    }
}

import HTTP
import SCIM
import Store
import Synchronization

/// Turns `Authorization: Bearer <token>` into the tenant the token belongs to.
///
/// The store keeps only SHA-256 digests and compares them in constant time. Successful
/// look-ups are cached in memory by digest (never by plaintext) for
/// ``SCIMServiceSettings/tokenCacheTTL``, so a busy IdP costs one hash and one
/// dictionary look-up per request, not a database read.
final class BearerAuthenticator: Sendable {
    private struct Entry {
        var tenant: TenantID
        var token: TokenID
        var expiresAt: ContinuousClock.Instant
    }

    private let store: any AccountStore
    private let kind: TokenKind
    private let ttl: Duration
    private let cache = Mutex<[[UInt8]: Entry]>([:])
    /// Entries kept at most; the cache is cleared when it grows past it.
    private let maximumEntries = 10_000

    init(store: any AccountStore, kind: TokenKind, ttl: Duration) {
        self.store = store
        self.kind = kind
        self.ttl = ttl
    }

    /// The tenant of the request's bearer token, or a 401 `SCIMError`.
    func tenant(for request: HTTPRequest) async throws(SCIMError) -> TenantID {
        try await tenant(for: request.headers)
    }

    /// The tenant of the bearer token in `headers`, or a 401 `SCIMError`.
    func tenant(for headers: HTTPFields) async throws(SCIMError) -> TenantID {
        try await credential(for: headers).tenant
    }

    /// The tenant and the token id of the bearer token in `headers`, or a 401 `SCIMError`.
    func credential(for headers: HTTPFields) async throws(SCIMError) -> (tenant: TenantID, token: TokenID) {
        guard let header = headers["authorization"] else {
            throw .unauthorized("Authentication is required: send 'Authorization: Bearer <token>'.")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw .unauthorized("Only bearer tokens are accepted: send 'Authorization: Bearer <token>' (RFC 6750).")
        }
        let token = parts[1].trimmingCharacters(in: " \t")
        guard let digest = BearerToken.digest(of: token) else {
            throw .unauthorized("The bearer token is not valid.")
        }
        let now = ContinuousClock.now
        if let entry = cache.withLock({ $0[digest] }), entry.expiresAt > now {
            return (entry.tenant, entry.token)
        }
        let found: (tenant: TenantID, token: TokenID)?
        do {
            found = try await store.authenticatedToken(plaintext: token, kind: kind)
        } catch {
            throw SCIMError(status: 503, detail: "The service is temporarily unavailable; retry shortly.")
        }
        guard let found else { throw await refusal(of: token) }
        cache.withLock { cache in
            if cache.count >= maximumEntries { cache.removeAll() }
            cache[digest] = Entry(tenant: found.tenant, token: found.token, expiresAt: now + ttl)
        }
        return found
    }

    /// The 401 for a token that does not open this API: when it is a live token of the
    /// other kind, the error says which API it belongs to (issue 16: "The bearer token is
    /// not valid" left an admin guessing why the SCIM token they pasted was refused).
    private func refusal(of token: String) async -> SCIMError {
        guard let other = try? await store.liveTokenKind(plaintext: token), other != kind else {
            return .unauthorized("The bearer token is not valid.")
        }
        switch other {
        case .scim:
            return .unauthorized("This is a SCIM provisioning token: it opens the SCIM API (/scim/v2) only. "
                + "The admin API (/api/v1) takes an admin token ('percolator token issue --admin').")
        case .admin:
            return .unauthorized("This is an admin token: it opens the admin API (/api/v1) only. "
                + "The SCIM API (/scim/v2) takes a SCIM provisioning token ('percolator token issue').")
        }
    }
}

/// Where bearer tokens live: issued, listed, revoked, and checked on every request.
///
/// Only the SHA-256 of a token is stored (see `BearerToken`); the plaintext is returned
/// once, by `issueToken`.
public protocol TokenStore: Sendable {
    /// Issues a new random token of `kind` for `tenant`. Throws a `StoreError` matching
    /// `.constraintForeignKey` when the tenant does not exist.
    func issueToken(tenant: TenantID, kind: TokenKind, label: String?) async throws -> IssuedToken

    /// The tenant's tokens (revoked ones included), oldest first.
    func tokens(tenant: TenantID) async throws -> [TokenRecord]

    /// Revokes the token `id`: `true` if it was active, `false` if unknown or already
    /// revoked. A revoked token never authenticates again.
    @discardableResult
    func revokeToken(id: TokenID) async throws -> Bool

    /// The tenant that `plaintext` authenticates for `kind`, or `nil` for a malformed,
    /// unknown, revoked or other-kind token. Records the use in `lastUsedAt`.
    func authenticate(plaintext: String, kind: TokenKind) async throws -> TenantID?

    /// As ``authenticate(plaintext:kind:)``, with the id of the token that matched (what
    /// the provisioning log names a client by).
    func authenticatedToken(plaintext: String, kind: TokenKind) async throws -> (tenant: TenantID, token: TokenID)?
}

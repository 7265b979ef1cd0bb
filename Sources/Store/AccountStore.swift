/// Tenants and tokens as the server and the command line manage them: the two protocols,
/// plus importing a token chosen by an operator and naming the kind of a token presented
/// to the wrong API. SQLite and PostgreSQL both implement it.
public protocol AccountStore: TenantStore, TokenStore {
    /// Stores `plaintext` (hashed) as a token of `kind` for `tenant`, unless a token with
    /// that hash exists; returns its id, or `nil` when it existed.
    func importToken(tenant: TenantID, kind: TokenKind, plaintext: String, label: String?) async throws -> TokenID?
    /// The kind of the live token `plaintext`, whatever API it was presented to, or `nil`.
    func liveTokenKind(plaintext: String) async throws -> TokenKind?
}

extension SQLiteStore: AccountStore {}
extension PostgresStore: AccountStore {}

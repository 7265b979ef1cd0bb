import FoundationEssentials

/// Someone signed in to the admin console: a server-side row behind an opaque cookie
/// (only its SHA-256 is stored), revocable, with its role and the CSRF token its forms
/// carry.
public struct ConsoleSession: Sendable, Equatable {
    /// The organisation: the session sees nothing of another.
    public var tenantID: TenantID
    /// What the session may do.
    public var role: ConsoleRole
    /// The address that signed in by magic link; `nil` for a session opened with an admin token.
    public var email: String?
    /// The id of the admin token that opened the session, which ends when the token is
    /// revoked; `nil` for a session opened by magic link.
    public var tokenID: String?
    /// The token every form of this session carries (compared in constant time).
    public var csrfToken: String
    /// When the session was opened.
    public var createdAt: Date
    /// When the session ends, whatever happens.
    public var expiresAt: Date

    /// Creates a value.
    public init(tenantID: TenantID, role: ConsoleRole, email: String?, tokenID: String? = nil, csrfToken: String,
                createdAt: Date, expiresAt: Date) {
        self.tenantID = tenantID
        self.role = role
        self.email = email
        self.tokenID = tokenID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

import FoundationEssentials

/// A member signed in to the Member Portal: a server-side row behind an opaque cookie
/// (only its SHA-256 is stored), revocable, with the CSRF token its forms carry.
public struct PortalSession: Sendable, Equatable {
    /// The member's organisation: the session sees nothing of another.
    public var tenantID: TenantID
    /// The signed-in member.
    public var memberID: MemberID
    /// The token every form of this session carries (compared in constant time).
    public var csrfToken: String
    /// When the member signed in.
    public var createdAt: Date
    /// When the session ends, whatever happens.
    public var expiresAt: Date

    /// Creates a value.
    public init(tenantID: TenantID, memberID: MemberID, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tenantID = tenantID
        self.memberID = memberID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

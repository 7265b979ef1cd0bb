import FoundationEssentials

/// A tenant's sign-up link as the `invitation_links` table holds it: its id and dates,
/// not its token (only the SHA-256 is stored).
public struct StoredInvitationLink: Sendable, Equatable {
    /// The link's id.
    public var id: String
    /// The tenant whose members sign up through it.
    public var tenantID: TenantID
    /// When it was created.
    public var createdAt: Date
    /// When it was revoked (closed), if it was.
    public var revokedAt: Date?

    /// Creates a value.
    public init(id: String, tenantID: TenantID, createdAt: Date, revokedAt: Date?) {
        self.id = id
        self.tenantID = tenantID
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// Whether sign-ups through the link are open.
    public var isEnabled: Bool { revokedAt == nil }
}

import FoundationEssentials

/// An address on an organisation's list of console users: a magic link sent to it signs
/// in with its role.
public struct ConsoleAdministrator: Sendable, Equatable {
    /// The organisation whose console the address opens.
    public var tenantID: TenantID
    /// The address as it was added.
    public var email: EmailAddress
    /// What the address may do once signed in.
    public var role: ConsoleRole
    /// When the address was added (or its role last changed).
    public var addedAt: Date

    /// Creates a value.
    public init(tenantID: TenantID, email: EmailAddress, role: ConsoleRole, addedAt: Date) {
        self.tenantID = tenantID
        self.email = email
        self.role = role
        self.addedAt = addedAt
    }
}

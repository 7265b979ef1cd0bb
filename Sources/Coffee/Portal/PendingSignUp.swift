/// Someone who filled in the tenant's sign-up form in the Member Portal and has not yet
/// confirmed their address: no member exists until the emailed link is opened. Stored
/// behind the SHA-256 of that link's token, used once.
public struct PendingSignUp: Sendable, Equatable {
    /// The organisation.
    public var tenantID: TenantID
    /// The sign-up link the form came through (its id, not its token).
    public var linkID: String
    /// The address to confirm.
    public var email: EmailAddress
    /// The first name typed.
    public var givenName: String
    /// The last name typed.
    public var familyName: String

    /// Creates a value.
    public init(tenantID: TenantID, linkID: String, email: EmailAddress, givenName: String, familyName: String) {
        self.tenantID = tenantID
        self.linkID = linkID
        self.email = email
        self.givenName = givenName
        self.familyName = familyName
    }
}

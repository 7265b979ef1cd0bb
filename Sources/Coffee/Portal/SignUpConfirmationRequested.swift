import FoundationEssentials

/// Someone signed up through the tenant's sign-up link in the Member Portal: an email
/// to the address they gave, whose single-use link creates the member (the token is
/// erased from the outbox once delivered). The subject is the sign-up's own id: no
/// member exists yet.
public struct SignUpConfirmationRequested: Sendable, Equatable {
    /// The subject is ``requestID``.
    public var header: EventHeader
    /// Where the link goes.
    public var email: EmailAddress
    /// The greeting's name.
    public var givenName: String
    /// The link's token.
    public var token: String
    /// How long the link works, in minutes.
    public var validMinutes: Int

    /// Creates a value.
    public init(header: EventHeader, email: EmailAddress, givenName: String, token: String, validMinutes: Int) {
        self.header = header
        self.email = email
        self.givenName = givenName
        self.token = token
        self.validMinutes = validMinutes
    }
}

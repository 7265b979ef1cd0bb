import FoundationEssentials

/// A member asked to sign in to the Member Portal: an email carrying a single-use link
/// (the token is erased from the outbox once delivered; only its hash is kept elsewhere).
public struct SignInLinkRequested: Sendable, Equatable {
    /// The member is the subject.
    public var header: EventHeader
    /// Where the link goes.
    public var email: EmailAddress
    /// The greeting's name.
    public var givenName: String
    /// The language of the email.
    public var locale: String?
    /// The link's token.
    public var token: String
    /// A public name of the link (not its token), for the idempotency key.
    public var linkID: String
    /// How long the link works, in minutes.
    public var validMinutes: Int
    /// The organisation the link signs in to, named in the email: an address on several
    /// organisations' console lists gets one link for each, and must tell them apart.
    public var organisation: String?

    /// Creates a value.
    public init(header: EventHeader, email: EmailAddress, givenName: String, locale: String?, token: String, linkID: String,
                validMinutes: Int, organisation: String? = nil) {
        self.header = header
        self.email = email
        self.givenName = givenName
        self.locale = locale
        self.token = token
        self.linkID = linkID
        self.validMinutes = validMinutes
        self.organisation = organisation
    }
}

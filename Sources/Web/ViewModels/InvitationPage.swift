/// The page an invitation link opens: who it is for, when it expires, the names to
/// confirm, and a button that POSTs to ``PortalPaths/invitationAccept``.
public struct InvitationPage: Sendable, Hashable {
    /// The token from the link's query; untrusted until checked on POST.
    public var token: String
    /// The invited address; untrusted.
    public var email: String
    /// The names to prefill (the invitation's, or what was typed before an error).
    public var givenName: String
    /// The last name to prefill.
    public var familyName: String
    /// The expiry, already formatted in the page's language.
    public var expiresOn: String
    /// Whether the last POST lacked a name.
    public var isNameMissing: Bool

    /// Creates the page.
    public init(token: String, email: String, givenName: String, familyName: String, expiresOn: String, isNameMissing: Bool = false) {
        self.token = token
        self.email = email
        self.givenName = givenName
        self.familyName = familyName
        self.expiresOn = expiresOn
        self.isNameMissing = isNameMissing
    }
}

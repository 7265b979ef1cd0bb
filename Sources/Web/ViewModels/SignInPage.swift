/// The sign-in page: one email field; POST to ``PortalPaths/signIn`` sends a magic link.
public struct SignInPage: Sendable, Hashable {
    /// The address typed before (re-shown after an error); untrusted.
    public var email: String
    /// Whether the address was refused as not an email address.
    public var isEmailInvalid: Bool

    /// Creates the page.
    public init(email: String = "", isEmailInvalid: Bool = false) {
        self.email = email
        self.isEmailInvalid = isEmailInvalid
    }
}

/// "Check your email", after a sign-in or sign-up request. The same page whether or not
/// the address belongs to anyone, so it tells nothing about who is a member.
public struct CheckEmailPage: Sendable, Hashable {
    /// The address the person typed; untrusted.
    public var email: String
    /// How long the link lasts, in minutes.
    public var expiresInMinutes: Int

    /// Creates the page.
    public init(email: String, expiresInMinutes: Int) {
        self.email = email
        self.expiresInMinutes = expiresInMinutes
    }
}

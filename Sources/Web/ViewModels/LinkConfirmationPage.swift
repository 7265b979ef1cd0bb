/// The page an emailed single-use link opens (a magic sign-in link, a sign-up
/// confirmation): one button that POSTs the token, so that a mail scanner prefetching the
/// link does not use it up (../shared/design/web.md).
public struct LinkConfirmationPage: Sendable, Hashable {
    /// What the link does.
    public enum Purpose: Sendable, Hashable, CaseIterable {
        /// Signs in: POST to ``PortalPaths/signInLink``.
        case signIn
        /// Confirms a sign-up (the member is created): POST to ``PortalPaths/signUpConfirmation``.
        case signUpConfirmation
    }

    /// What the link does.
    public var purpose: Purpose
    /// The token from the link's query; untrusted until checked on POST.
    public var token: String

    /// Creates the page.
    public init(_ purpose: Purpose, token: String) {
        self.purpose = purpose
        self.token = token
    }
}

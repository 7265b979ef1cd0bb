/// The page a magic link opens: a button that POSTs the token to
/// ``PortalPaths/signInLink``, so that a mail scanner prefetching the link does not use it.
public struct SignInLinkPage: Sendable, Hashable {
    /// The token from the link's query; untrusted until checked on POST.
    public var token: String

    /// Creates the page.
    public init(token: String) { self.token = token }
}

/// The page a follow-up email's one-click feedback link opens (`?token=…&met=yes`): the
/// match, the answer from the link preselected, an optional rating, and a button that
/// POSTs to ``PortalPaths/feedbackLink``. Nothing is recorded by the GET, so a mail
/// scanner opening every link answers nothing; the member need not be signed in.
public struct FeedbackLinkPage: Sendable, Hashable {
    /// The token from the link; untrusted until checked on POST.
    public var token: String
    /// The match, with ``MatchCard/answer`` set to the link's answer (if valid).
    public var match: MatchCard

    /// Creates the page.
    public init(token: String, match: MatchCard) {
        self.token = token
        self.match = match
    }
}

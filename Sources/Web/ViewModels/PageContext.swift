/// What every portal page needs besides its own content: the language, the tenant's name,
/// who is signed in, the session's CSRF token, where the page is, and an optional notice.
public struct PageContext: Sendable, Hashable {
    /// The sections of the signed-in navigation.
    public enum Section: Sendable, Hashable {
        case profile, programs, matches
    }

    /// The language of the page.
    public var language: Language
    /// The organisation (tenant) name shown in the header; untrusted.
    public var organisationName: String
    /// The signed-in member's display name; nil when nobody is signed in (no navigation,
    /// no sign-out form).
    public var memberName: String?
    /// The CSRF token every form carries (a pre-session token when signed out).
    public var csrfToken: String
    /// The page's own path and query (relative, e.g. `/programs?q=ann`), used to build the
    /// language switch's link; an unsafe value falls back to the home page.
    public var currentPath: String
    /// The section the page belongs to (marked `aria-current` in the navigation).
    public var section: Section?
    /// A message to show above the content (after a POST/redirect/GET).
    public var notice: Notice?
    /// The portal's URLs.
    public var paths: PortalPaths

    /// Creates a context.
    public init(language: Language, organisationName: String, memberName: String? = nil, csrfToken: String,
                currentPath: String, section: Section? = nil, notice: Notice? = nil, paths: PortalPaths = PortalPaths()) {
        self.language = language
        self.organisationName = organisationName
        self.memberName = memberName
        self.csrfToken = csrfToken
        self.currentPath = currentPath
        self.section = section
        self.notice = notice
        self.paths = paths
    }

    /// Whether a member is signed in.
    public var isSignedIn: Bool { memberName != nil }
}

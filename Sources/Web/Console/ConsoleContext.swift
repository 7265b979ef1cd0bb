/// What every console page needs besides its own content: the language, the
/// organisation's name, who is signed in and with what role, the session's CSRF token,
/// where the page is, and an optional notice.
public struct ConsoleContext: Sendable, Hashable {
    /// The sections of the console's navigation.
    public enum Section: String, Sendable, Hashable, CaseIterable {
        case home, members, importCSV, invitations, programs, emails, connect
        // console-a: the tenant's categories and the IdP attribute mapping
        case categories
        // Slack, Teams and HR system connections (issue 14)
        case connections

        /// Whether a program manager sees the section (programs only; home shows them).
        public var isForProgramManagers: Bool { self == .programs || self == .home }
    }

    /// Whether the signed-in person sees everything or programs only.
    public enum Role: Sendable, Hashable {
        case administrator, programManager
    }

    /// The language of the page.
    public var language: Language
    /// The organisation (tenant) name shown in the header; untrusted.
    public var organisationName: String
    /// Who is signed in (an address, or a note that an admin token was used); nil when
    /// nobody is (no navigation, no sign-out form).
    public var signedInAs: String?
    /// The role of the signed-in person.
    public var role: Role
    /// The CSRF token every form carries (a pre-session token when signed out).
    public var csrfToken: String
    /// The page's own path and query, for the language switch.
    public var currentPath: String
    /// The section the page belongs to (marked `aria-current` in the navigation).
    public var section: Section?
    /// A message to show above the content (after a POST/redirect/GET), already localized.
    public var notice: String?

    /// Creates a context.
    public init(language: Language, organisationName: String, signedInAs: String? = nil, role: Role = .administrator,
                csrfToken: String, currentPath: String, section: Section? = nil, notice: String? = nil) {
        self.language = language
        self.organisationName = organisationName
        self.signedInAs = signedInAs
        self.role = role
        self.csrfToken = csrfToken
        self.currentPath = currentPath
        self.section = section
        self.notice = notice
    }

    /// The portal's context with the same language, name and CSRF token: the console
    /// renders its forms with the portal's labelled controls (``PageKit``).
    var portalContext: PageContext {
        PageContext(language: language, organisationName: organisationName, csrfToken: csrfToken, currentPath: currentPath)
    }
}

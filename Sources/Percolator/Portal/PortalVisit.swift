import Coffee
import FoundationEssentials
import HTTP
import Web

/// One request to the portal as its handler sees it: the session (if signed in), the
/// language, the CSRF token its forms carry, and the decoded form of a POST.
struct PortalVisit {
    let request: HTTPRequest
    let now: Date
    let endpoints: PortalEndpoints
    var session: PortalSession?
    var form: FormData?
    var organisationName = "Percolator"
    /// A fresh form cookie to set, when the request had none (signed-out forms).
    private let newFormToken: String?
    /// The request's cookies, parsed once.
    private let cookies: CookieHeader

    init(request: HTTPRequest, now: Date, endpoints: PortalEndpoints) {
        self.request = request
        self.now = now
        self.endpoints = endpoints
        cookies = CookieHeader(request.headers.values(for: "cookie"))
        if cookies[PortalEndpoints.formCookie] == nil {
            var generator = SystemRandomNumberGenerator()
            newFormToken = InvitationToken.generate(using: &generator).rawValue
        } else {
            newFormToken = nil
        }
    }

    /// The session cookie presented, if any.
    var cookie: String? { cookies[PortalEndpoints.sessionCookie] }

    /// The token this visit's forms carry and its POSTs must present: the session's, or
    /// before sign-in the form cookie's (double submit).
    var csrfToken: String { session?.csrfToken ?? cookies[PortalEndpoints.formCookie] ?? newFormToken ?? "" }

    /// The page's language: `?lang=`, else the browser's `Accept-Language`.
    var language: Language {
        LanguageNegotiation.choose(explicit: request.query("lang"), acceptLanguage: request.headers["accept-language"])
    }

    /// `page` in this visit's context.
    func page(_ page: some PortalPage, at path: String, status: Int = 200, section: PageContext.Section? = nil,
              memberName: String? = nil, notice: Notice? = nil) -> HTTPResponse {
        let context = PageContext(language: language, organisationName: organisationName,
                                  memberName: session == nil ? nil : (memberName ?? ""), csrfToken: csrfToken,
                                  currentPath: path, section: section, notice: notice)
        var cookies: [SetCookie] = []
        if let newFormToken, session == nil,
           let cookie = SetCookie(name: PortalEndpoints.formCookie, value: newFormToken, maxAge: nil, isSecure: endpoints.isSecure) {
            cookies.append(cookie)
        }
        return PortalResponses.page(page, in: context, status: status, cookies: cookies)
    }

    /// An error page.
    func error(_ kind: ErrorPage, status: Int? = nil) -> HTTPResponse {
        page(kind, at: request.route, status: status ?? kind.status)
    }
}

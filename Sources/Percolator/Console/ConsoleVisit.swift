import Coffee
import FoundationEssentials
import HTTP
import Web

/// One request to the console as its handler sees it: the session (if signed in), the
/// language, the CSRF token its forms carry, and the decoded form of a POST.
struct ConsoleVisit {
    let request: HTTPRequest
    let now: Date
    let isSecure: Bool
    var session: ConsoleSession?
    var form: FormData?
    var organisationName = "Percolator"
    /// A fresh form cookie to set, when the request had none (signed-out forms).
    private let newFormToken: String?
    /// The request's cookies, parsed once.
    private let cookies: CookieHeader

    init(request: HTTPRequest, now: Date, isSecure: Bool) {
        self.request = request
        self.now = now
        self.isSecure = isSecure
        cookies = CookieHeader(request.headers.values(for: "cookie"))
        if cookies[ConsoleEndpoints.formCookie] == nil {
            var generator = SystemRandomNumberGenerator()
            newFormToken = InvitationToken.generate(using: &generator).rawValue
        } else {
            newFormToken = nil
        }
    }

    /// The session cookie presented, if any.
    var cookie: String? { cookies[ConsoleEndpoints.sessionCookie] }

    /// The signed-in session's tenant (handlers behind a role check only run signed in).
    var tenant: TenantID { session?.tenantID ?? TenantID(rawValue: "") }

    /// The token this visit's forms carry and its POSTs must present: the session's, or
    /// before sign-in the form cookie's (double submit).
    var csrfToken: String { session?.csrfToken ?? cookies[ConsoleEndpoints.formCookie] ?? newFormToken ?? "" }

    /// The page's language: `?lang=`, else the browser's `Accept-Language`.
    var language: Language {
        LanguageNegotiation.choose(explicit: request.query("lang"), acceptLanguage: request.headers["accept-language"])
    }

    /// The page's own path and query (the language switch keeps the query).
    var currentPath: String { String(request.head.target) }

    /// `page` in this visit's context.
    func page(_ page: some ConsolePage, section: ConsoleContext.Section? = nil, status: Int = 200,
              notice: String? = nil) -> HTTPResponse {
        let who = session.map { $0.email ?? ConsoleLocalizer(language)(.signedInWithToken) }
        let context = ConsoleContext(language: language, organisationName: organisationName, signedInAs: who,
                                     role: session?.role == .programManager ? .programManager : .administrator,
                                     csrfToken: csrfToken, currentPath: currentPath, section: section, notice: notice)
        var headers = HTTPFields([("Content-Type", HTMLDocument.contentType)] + SecurityHeaders.page.map { ($0.name, $0.value) })
        if let newFormToken, session == nil,
           let cookie = SetCookie(name: ConsoleEndpoints.formCookie, value: newFormToken, maxAge: nil, isSecure: isSecure) {
            headers.append(name: "Set-Cookie", value: cookie.headerValue)
        }
        return HTTPResponse(status: status, headers: headers, body: page.document(in: context).renderedBytes())
    }

    /// A message page (errors, "check your email") with its status.
    func message(_ kind: ConsoleMessagePage.Kind) -> HTTPResponse {
        let page = ConsoleMessagePage(kind)
        return self.page(page, status: page.status)
    }
}

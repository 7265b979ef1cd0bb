import Coffee
import FoundationEssentials
import HTTP
import Web

/// One request to the console as its handler sees it: the session (if signed in), the
/// language, the CSRF token its forms carry, and the decoded form of a POST — the
/// shared ``WebVisit`` with the console's cookies, and the console's pages.
@dynamicMemberLookup
struct ConsoleVisit {
    /// What the console shares with the portal.
    var web: WebVisit<ConsoleSession>
    let isSecure: Bool

    init(request: HTTPRequest, now: Date, isSecure: Bool) {
        web = WebVisit(request: request, now: now,
                       cookieNames: WebCookieNames(session: ConsoleEndpoints.sessionCookie, form: ConsoleEndpoints.formCookie))
        self.isSecure = isSecure
    }

    /// The shared visit's `request`, `now`, `session`, `form`, `organisationName`,
    /// `cookie`, `csrfToken` and `language`, as if they were this visit's own.
    subscript<Value>(dynamicMember path: WritableKeyPath<WebVisit<ConsoleSession>, Value>) -> Value {
        get { web[keyPath: path] }
        set { web[keyPath: path] = newValue }
    }

    subscript<Value>(dynamicMember path: KeyPath<WebVisit<ConsoleSession>, Value>) -> Value { web[keyPath: path] }

    /// The signed-in session's tenant (handlers behind a role check only run signed in).
    var tenant: TenantID { web.session?.tenantID ?? TenantID(rawValue: "") }

    /// Which programs the signed-in person reaches (``ConsoleSession/programViewer``); a
    /// visit without a session reaches none (handlers behind a role check only run signed in).
    var programViewer: ProgramViewer { web.session?.programViewer ?? .programManager(EmailAddress(stored: "")) }

    /// The page's own path and query (the language switch keeps the query).
    var currentPath: String { String(web.request.head.target) }

    /// `page` in this visit's context.
    func page(_ page: some ConsolePage, section: ConsoleContext.Section? = nil, status: Int = 200,
              notice: String? = nil) -> HTTPResponse {
        let who = web.session.map { $0.email ?? ConsoleLocalizer(web.language)(.signedInWithToken) }
        let context = ConsoleContext(language: web.language, organisationName: web.organisationName, signedInAs: who,
                                     role: web.session?.role == .programManager ? .programManager : .administrator,
                                     csrfToken: web.csrfToken, currentPath: currentPath, section: section, notice: notice)
        var headers = HTTPFields([("Content-Type", HTMLDocument.contentType)] + SecurityHeaders.page.map { ($0.name, $0.value) })
        if let cookie = web.formCookie(isSecure: isSecure) { headers.append(name: "Set-Cookie", value: cookie.headerValue) }
        return HTTPResponse(status: status, headers: headers, body: page.document(in: context).renderedBytes())
    }

    /// A message page (errors, "check your email") with its status.
    func message(_ kind: ConsoleMessagePage.Kind) -> HTTPResponse {
        let page = ConsoleMessagePage(kind)
        return self.page(page, status: page.status)
    }
}

import Coffee
import FoundationEssentials
import HTTP
import Web

/// One request to the portal as its handler sees it: the session (if signed in), the
/// language, the CSRF token its forms carry, and the decoded form of a POST — the
/// shared ``WebVisit`` with the portal's cookies, and the portal's pages.
@dynamicMemberLookup
struct PortalVisit {
    /// What the portal shares with the console.
    var web: WebVisit<PortalSession>
    let endpoints: PortalEndpoints

    init(request: HTTPRequest, now: Date, endpoints: PortalEndpoints) {
        web = WebVisit(request: request, now: now,
                       cookieNames: WebCookieNames(session: PortalEndpoints.sessionCookie, form: PortalEndpoints.formCookie))
        self.endpoints = endpoints
    }

    /// The shared visit's `request`, `now`, `session`, `form`, `organisationName`,
    /// `cookie`, `csrfToken` and `language`, as if they were this visit's own.
    subscript<Value>(dynamicMember path: WritableKeyPath<WebVisit<PortalSession>, Value>) -> Value {
        get { web[keyPath: path] }
        set { web[keyPath: path] = newValue }
    }

    subscript<Value>(dynamicMember path: KeyPath<WebVisit<PortalSession>, Value>) -> Value { web[keyPath: path] }


    /// `page` in this visit's context.
    func page(_ page: some PortalPage, at path: String, status: Int = 200, section: PageContext.Section? = nil,
              memberName: String? = nil, notice: Notice? = nil) -> HTTPResponse {
        let context = PageContext(language: web.language, organisationName: web.organisationName,
                                  memberName: web.session == nil ? nil : (memberName ?? ""), csrfToken: web.csrfToken,
                                  currentPath: path, section: section, notice: notice)
        return PortalResponses.page(page, in: context, status: status,
                                    cookies: [web.formCookie(isSecure: endpoints.isSecure)].compactMap { $0 })
    }

    /// An error page.
    func error(_ kind: ErrorPage, status: Int? = nil) -> HTTPResponse {
        page(kind, at: web.request.route, status: status ?? kind.status)
    }
}

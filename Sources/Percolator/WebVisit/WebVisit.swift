import Coffee
import FoundationEssentials
import HTTP
import Web

/// A session a browser area keeps behind its cookie: whatever it holds, it carries the
/// CSRF token its forms must present.
protocol WebSession: Sendable {
    /// The token every form of the session carries (synchroniser token).
    var csrfToken: String { get }
}

extension PortalSession: WebSession {}
extension ConsoleSession: WebSession {}

/// The cookies of one browser area: its session cookie and, before sign-in, its
/// double-submit form cookie.
struct WebCookieNames: Sendable, Hashable {
    /// The opaque session cookie.
    var session: String
    /// The form cookie whose value signed-out forms carry (double submit).
    var form: String
}

/// Why an unsafe request (a form's POST) is refused before its handler runs.
enum WebFormRefusal: Error, Equatable {
    /// `Origin`/`Sec-Fetch-Site` say it came from another site.
    case crossOrigin
    /// The body is no form.
    case malformed
    /// The form's CSRF token is missing or not the visit's.
    case wrongToken
}

/// One browser request to a server-rendered area — the Member Portal (``PortalVisit``),
/// the admin console (``ConsoleVisit``) — as their handlers share it: the request's
/// cookies parsed once, the session (if signed in), the language, the CSRF token its
/// forms carry (the session's, or before sign-in the form cookie's: double submit, with a
/// fresh form cookie to set when the request had none), and the checks of an unsafe
/// request (our own origin, a form, the right token).
struct WebVisit<Session: WebSession> {
    let request: HTTPRequest
    let now: Date
    let cookieNames: WebCookieNames
    var session: Session?
    var form: FormData?
    var organisationName = "Percolator"
    /// A fresh form cookie to set, when the request had none (signed-out forms).
    let newFormToken: String?
    /// The request's cookies, parsed once.
    private let cookies: CookieHeader

    init(request: HTTPRequest, now: Date, cookieNames: WebCookieNames) {
        self.request = request
        self.now = now
        self.cookieNames = cookieNames
        cookies = CookieHeader(request.headers.values(for: "cookie"))
        if cookies[cookieNames.form] == nil {
            var generator = SystemRandomNumberGenerator()
            newFormToken = InvitationToken.generate(using: &generator).rawValue
        } else {
            newFormToken = nil
        }
    }

    /// The session cookie presented, if any.
    var cookie: String? { cookies[cookieNames.session] }

    /// The token this visit's forms carry and its POSTs must present: the session's, or
    /// before sign-in the form cookie's (double submit).
    var csrfToken: String { session?.csrfToken ?? cookies[cookieNames.form] ?? newFormToken ?? "" }

    /// The page's language: `?lang=`, else the browser's `Accept-Language`.
    var language: Language {
        LanguageNegotiation.choose(explicit: request.query("lang"), acceptLanguage: request.headers["accept-language"])
    }

    /// The form cookie a page sets: a fresh one when the request had none and nobody is
    /// signed in; `nil` otherwise.
    func formCookie(isSecure: Bool) -> SetCookie? {
        guard let newFormToken, session == nil else { return nil }
        return SetCookie(name: cookieNames.form, value: newFormToken, maxAge: nil, isSecure: isSecure)
    }

    /// The fields of `request`'s form: `application/x-www-form-urlencoded`, or
    /// `multipart/form-data` (the console's CSV upload); `nil` when malformed.
    static func form(of request: HTTPRequest) -> FormData? {
        guard MultipartFormData.isMultipart(contentType: request.headers["content-type"]) else {
            return try? FormData(body: request.body)
        }
        return (try? MultipartFormData(body: request.body, contentType: request.headers["content-type"])).map { FormData(fields: $0.fields) }
    }

    /// Admits an unsafe request: from our own origin (`publicURL`'s), with a form body
    /// (kept in ``form``) whose field `csrfField` is this visit's ``csrfToken``.
    mutating func admitForm(publicURL: String, csrfField: String) throws(WebFormRefusal) {
        guard let origin = PublicOrigin(publicURL: publicURL),
              case .allowed = RequestOriginCheck.evaluate(origin: request.headers["origin"],
                                                          secFetchSite: request.headers["sec-fetch-site"],
                                                          publicOrigin: origin) else { throw .crossOrigin }
        guard let form = Self.form(of: request) else { throw .malformed }
        self.form = form
        guard CSRFToken.matches(presented: form[csrfField] ?? "", expected: csrfToken) else { throw .wrongToken }
    }
}

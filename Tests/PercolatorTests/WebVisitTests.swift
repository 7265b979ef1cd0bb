import Coffee
import Foundation
import HTTP
@testable import Percolator
import Testing
import Web

/// The visit the portal and the console share (``WebVisit``): cookies by the area's
/// names, the double-submit form token, and the checks of an unsafe request.
@Suite("Web visit — cookies, form token and the checks of a POST, shared by portal and console")
struct WebVisitTests {
    static let names = WebCookieNames(session: "area_session", form: "area_form")
    static let publicURL = "https://coffee.example.org"

    static func visit(_ headers: [(String, String)], body: String = "") -> WebVisit<PortalSession> {
        let head = HTTPRequestHead(method: .post, target: "/x?lang=fr", headers: HTTPFields(headers))
        return WebVisit(request: HTTPRequest(head: head, body: Array(body.utf8)), now: Date(), cookieNames: names)
    }

    @Test("the area's own cookies are read; a signed-out visit without a form cookie gets a fresh one to set")
    func cookies() throws {
        let fresh = Self.visit([("Cookie", "percolator_session=other; area_session=s1")])
        #expect(fresh.cookie == "s1")
        let cookie = try #require(fresh.formCookie(isSecure: true))
        #expect(cookie.headerValue.hasPrefix("area_form=\(fresh.csrfToken);") && cookie.headerValue.contains("Secure"))
        #expect(fresh.language == .french)

        let returning = Self.visit([("Cookie", "area_form=f1")])
        #expect(returning.cookie == nil && returning.csrfToken == "f1" && returning.formCookie(isSecure: true) == nil)
        var signedIn = returning
        signedIn.session = PortalSession(tenantID: TenantID(rawValue: "t"), memberID: MemberID("m"), csrfToken: "s-token",
                                         createdAt: Date(), expiresAt: Date())
        #expect(signedIn.csrfToken == "s-token", "signed in, forms carry the session's token")
    }

    @Test("a POST is admitted from our origin with a form carrying the visit's token; else refused, with why", arguments: [
        ([("Origin", "https://coffee.example.org"), ("Cookie", "area_form=f1")], "csrf=f1&a=1", nil),
        ([("Origin", "https://evil.example"), ("Cookie", "area_form=f1")], "csrf=f1", WebFormRefusal.crossOrigin),
        ([("Sec-Fetch-Site", "cross-site"), ("Cookie", "area_form=f1")], "csrf=f1", .crossOrigin),
        ([("Origin", "https://coffee.example.org"), ("Cookie", "area_form=f1")], "csrf=f2", .wrongToken),
        ([("Origin", "https://coffee.example.org")], "csrf=", .wrongToken),
        ([("Origin", "https://coffee.example.org"), ("Cookie", "area_form=f1")], "csrf=%ZZ", .malformed),
    ] as [([(String, String)], String, WebFormRefusal?)])
    func admission(_ headers: [(String, String)], _ body: String, _ refusal: WebFormRefusal?) {
        var visit = Self.visit(headers, body: body)
        do throws(WebFormRefusal) {
            try visit.admitForm(publicURL: Self.publicURL, csrfField: "csrf")
            #expect(refusal == nil)
            #expect(visit.form?["a"] == "1")
        } catch {
            #expect(error == refusal)
        }
    }

    @Test("the portal's and the console's visits are the shared one under their own cookie names")
    func areas() {
        let head = HTTPRequestHead(method: .get, target: "/", headers: HTTPFields([
            ("Cookie", "\(PortalEndpoints.sessionCookie)=p; \(ConsoleEndpoints.sessionCookie)=c"),
        ]))
        let console = ConsoleVisit(request: HTTPRequest(head: head), now: Date(), isSecure: false)
        #expect(console.cookie == "c" && console.web.cookieNames.form == ConsoleEndpoints.formCookie)
    }
}

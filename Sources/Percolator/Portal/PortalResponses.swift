import HTTP
import Web

/// The portal's HTTP answers: pages with the security headers of web.md, redirects
/// after a POST (POST/redirect/GET), static assets.
enum PortalResponses {
    /// `page` rendered in `context`, with status `status`.
    static func page(_ page: some PortalPage, in context: PageContext, status: Int = 200,
                     cookies: [SetCookie] = []) -> HTTPResponse {
        var headers = HTTPFields([("Content-Type", HTMLDocument.contentType)] + SecurityHeaders.page.map { ($0.name, $0.value) })
        for cookie in cookies { headers.append(name: "Set-Cookie", value: cookie.headerValue) }
        return HTTPResponse(status: status, headers: headers, body: page.document(in: context).renderedBytes())
    }

    /// `303 See Other` to `location`, one of our own paths.
    static func redirect(to location: String, cookies: [SetCookie] = []) -> HTTPResponse {
        var headers = HTTPFields([("Location", SafeRedirect.target(location, fallback: "/")), ("Cache-Control", "no-store")])
        for cookie in cookies { headers.append(name: "Set-Cookie", value: cookie.headerValue) }
        return HTTPResponse(status: 303, headers: headers)
    }

    /// A static asset under its content-hash URL.
    static func asset(_ asset: StaticAsset) -> HTTPResponse {
        HTTPResponse(status: 200, headers: HTTPFields([("Content-Type", asset.contentType)] + SecurityHeaders.asset.map { ($0.name, $0.value) }),
                     body: asset.bytes)
    }
}

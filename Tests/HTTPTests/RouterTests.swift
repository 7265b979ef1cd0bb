import Testing
@testable import HTTP

@Suite("Routing — path parameters, 404 and 405")
struct RouterTests {
    static func router() -> Router {
        var router = Router()
        let ok: HTTPHandler = .inline { _ in .text(200, "") }
        router.add(.get, "/scim/v2/Users", ok)
        router.add(.post, "/scim/v2/Users", ok)
        router.add(.get, "/scim/v2/Users/{id}", ok)
        router.add(.delete, "/scim/v2/Users/{id}", ok)
        router.add(.post, "/scim/v2/Users/.search", ok)
        return router
    }

    @Test("a parameter is bound and percent-decoded")
    func parameter() {
        guard case .found(let route, let parameters) = Self.router().match(method: .get, path: "/scim/v2/Users/a%20b") else {
            Issue.record("not found")
            return
        }
        #expect(route.pattern == "/scim/v2/Users/{id}")
        #expect(parameters == ["id": "a b"])
    }

    @Test("a literal segment wins over a parameter")
    func literalWins() {
        guard case .found(let route, _) = Self.router().match(method: .post, path: "/scim/v2/Users/.search") else {
            Issue.record("not found")
            return
        }
        #expect(route.pattern == "/scim/v2/Users/.search")
    }

    @Test("a known path with another method is 405 with the allowed methods")
    func methodNotAllowed() {
        guard case .methodNotAllowed(let allowed) = Self.router().match(method: .put, path: "/scim/v2/Users") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.get, .post, .head])
    }

    @Test("unknown paths are 404", arguments: ["/", "/scim", "/scim/v2/Users/1/extra", "/scim/v2/Groups"])
    func notFound(path: String) {
        guard case .notFound = Self.router().match(method: .get, path: Substring(path)) else {
            Issue.record("expected 404 for \(path)")
            return
        }
    }

    @Test("HEAD falls back to GET and a trailing slash is ignored")
    func headAndTrailingSlash() {
        guard case .found(let route, _) = Self.router().match(method: .head, path: "/scim/v2/Users/") else {
            Issue.record("not found")
            return
        }
        #expect(route.method == .get)
    }

    @Test("query items are percent-decoded with + as space")
    func queryItems() {
        let head = HTTPRequestHead(method: .get, target: "/x?filter=userName+eq+%22a%2Bb%22&count=10&flag")
        let request = HTTPRequest(head: head)
        #expect(request.query("filter") == "userName eq \"a+b\"")
        #expect(request.query("count") == "10")
        #expect(request.query("flag") == "")
        #expect(request.query("missing") == nil)
    }

    /// What a request should reach in ``specificRouter()``: a pattern and method, or 405
    /// with the allowed methods, or 404.
    enum Expected: Sendable, CustomStringConvertible {
        case route(HTTPMethod, String)
        case notAllowed([HTTPMethod])
        case notFound

        var description: String {
            switch self {
            case .route(let method, let pattern): "\(method) \(pattern)"
            case .notAllowed(let allowed): "405 \(allowed)"
            case .notFound: "404"
            }
        }
    }

    /// The admin API's invitation routes, and patterns whose literals sit at different
    /// positions.
    static func specificRouter() -> Router {
        var router = Router()
        let ok: HTTPHandler = .inline { _ in .text(200, "") }
        router.add(.get, "/api/v1/invitations", ok)
        router.add(.post, "/api/v1/invitations", ok)
        router.add(.get, "/api/v1/invitations/{memberId}", ok)
        router.add(.post, "/api/v1/invitations/{memberId}/link", ok)
        router.add(.post, "/api/v1/invitations/accept", ok)
        router.add(.get, "/a/{x}/c", ok)
        router.add(.post, "/{y}/b/c", ok)
        router.add(.get, "/p/{x}", ok)
        router.add(.delete, "/p/{other}", ok)
        return router
    }

    @Test("the most specific pattern decides across methods; others of its shape only",
          arguments: [
              (HTTPMethod.get, "/api/v1/invitations/accept", Expected.notAllowed([.post])),
              (.head, "/api/v1/invitations/accept", .notAllowed([.post])),
              (.post, "/api/v1/invitations/accept", .route(.post, "/api/v1/invitations/accept")),
              (.get, "/api/v1/invitations/m-1", .route(.get, "/api/v1/invitations/{memberId}")),
              (.head, "/api/v1/invitations/m-1", .route(.get, "/api/v1/invitations/{memberId}")),
              (.delete, "/api/v1/invitations/m-1", .notAllowed([.get, .head])),
              (.get, "/api/v1/invitations/accept/link", .notAllowed([.post])),
              (.post, "/api/v1/invitations/accept/link", .route(.post, "/api/v1/invitations/{memberId}/link")),
              // The earlier literal weighs more: /a/b/c is /a/{x}/c, whatever the method.
              (.get, "/a/b/c", .route(.get, "/a/{x}/c")),
              (.post, "/a/b/c", .notAllowed([.get, .head])),
              (.post, "/z/b/c", .route(.post, "/{y}/b/c")),
              // Two patterns of one shape with different parameter names share the path.
              (.delete, "/p/1", .route(.delete, "/p/{other}")),
              (.put, "/p/1", .notAllowed([.get, .delete, .head])),
              (.get, "/api/v1/nothing", .notFound),
          ] as [(HTTPMethod, String, Expected)])
    func specificity(method: HTTPMethod, path: String, expected: Expected) {
        let match = Self.specificRouter().match(method: method, path: Substring(path))
        switch (match, expected) {
        case (.found(let route, _), .route(let method, let pattern)):
            #expect(route.method == method && route.pattern == pattern, "\(path): got \(route.method) \(route.pattern), want \(expected)")
        case (.methodNotAllowed(let allowed), .notAllowed(let want)):
            #expect(allowed == want, "\(path)")
        case (.notFound, .notFound):
            break
        default:
            Issue.record("\(method) \(path): got \(match), want \(expected)")
        }
    }
}

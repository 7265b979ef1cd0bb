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
}

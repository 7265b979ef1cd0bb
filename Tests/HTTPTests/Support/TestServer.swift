@testable import HTTP

/// A live server on 127.0.0.1:0 with routes that exercise the server itself.
enum TestServer {
    static func router() -> Router {
        var router = Router()
        router.add(.get, "/hello", .inline { _ in .text(200, "hello") })
        router.add(.post, "/echo") { request in
            HTTPResponse(status: 200, contentType: "application/octet-stream", body: request.body)
        }
        router.add(.get, "/slow/{ms}") { request in
            let milliseconds = Int(request.pathParameters["ms"] ?? "0") ?? 0
            try? await Task.sleep(for: .milliseconds(milliseconds))
            return .text(200, "slept \(milliseconds)")
        }
        router.add(.post, "/large", bodyLimit: 4 * 1024 * 1024) { request in .text(200, "\(request.body.count)") }
        router.add(.get, "/big/{kib}", .inline { request in
            let kib = min(Int(request.pathParameters["kib"] ?? "1") ?? 1, 4096)
            return HTTPResponse(status: 200, contentType: "application/octet-stream",
                                body: [UInt8](repeating: 0x62, count: kib * 1024))
        })
        // A route behind a head check that wants `Authorization: Bearer good`.
        router.checkingHeads(with: { head in
            head.headers["authorization"] == "Bearer good" ? nil : .text(401, "bad token")
        }) { router in
            router.add(.post, "/guarded", bodyLimit: 64 * 1024 * 1024) { request in .text(200, "\(request.body.count)") }
        }
        // A route whose head check hangs (storage that does not answer).
        router.checkingHeads(with: { _ in
            try? await Task.sleep(for: .seconds(3))
            return nil
        }) { router in
            router.add(.post, "/stuck-check") { request in .text(200, "\(request.body.count)") }
        }
        return router
    }

    static func configuration(_ change: (inout ServerConfiguration) -> Void = { _ in }) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.eventLoopCount = 2
        configuration.limits.maxBodyBytes = 64 * 1024
        // The test's own client must not race the server's 10 s default: in one CI run the
        // test process's concurrency pool stalled for about 12 s at the start of the live
        // run (even `--version` took 12.1 s), so a test that sent a body after awaiting the
        // 100 Continue got 408. Tests of the timeouts set their own, far shorter ones.
        configuration.readTimeout = .seconds(60)
        change(&configuration)
        return configuration
    }

    /// Runs `body` against a started server and shuts it down afterwards.
    static func with(_ change: (inout ServerConfiguration) -> Void = { _ in },
                     onRequest: (@Sendable (HTTPAccessRecord) -> Void)? = nil,
                     _ body: (HTTPServer, UInt16) async throws -> Void) async throws {
        let server = HTTPServer(configuration: configuration(change), router: router(), onRequest: onRequest)
        let port = try server.start()
        do {
            try await body(server, port)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
import TestSupport
@testable import HTTP

@Suite("Live server on 127.0.0.1 — raw sockets")
struct HTTPServerTests {
    @Test("keep-alive: several requests on one connection")
    func keepAlive() async throws {
        try await TestServer.with { _, port in
            let client = try RawClient(port: port)
            for _ in 0..<3 {
                try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                let response = try await client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "hello")
                #expect(response.headers["connection"] == "keep-alive")
                #expect(response.headers["date"]?.hasSuffix("GMT") == true)
                #expect(response.headers["x-request-id"]?.count == 24)
            }
        }
    }

    @Test("pipelined requests are answered in order even when the first is slower")
    func pipelining() async throws {
        try await TestServer.with { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /slow/150 HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nping")
            #expect(try await client.readResponse().text == "slept 150")
            #expect(try await client.readResponse().text == "hello")
            #expect(try await client.readResponse().text == "ping")
        }
    }

    @Test("Connection: close gets its response and then a closed connection")
    func connectionClose() async throws {
        try await TestServer.with { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.headers["connection"] == "close")
            #expect(await client.waitForClose())
        }
    }

    @Test("an HTTP/1.0 client is answered and closed")
    func http10() async throws {
        try await TestServer.with { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /hello HTTP/1.0\r\n\r\n")
            #expect(try await client.readResponse().text == "hello")
            #expect(await client.waitForClose())
        }
    }

    @Test("a request followed by a half-close is still answered")
    func halfClose() async throws {
        try await TestServer.with { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /slow/50 HTTP/1.1\r\nHost: x\r\n\r\n")
            client.shutdownWrite()
            #expect(try await client.readResponse().text == "slept 50")
            #expect(await client.waitForClose())
        }
    }

    @Test("Expect: 100-continue gets 100 before the body is sent")
    func expectContinue() async throws {
        try await TestServer.with { _, port in
            let client = try RawClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            #expect(try await client.readResponse().status == 100)
            try client.send("hello")
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "hello")
        }
    }

    @Test("a chunked upload is reassembled")
    func chunkedUpload() async throws {
        try await TestServer.with { _, port in
            let client = try RawClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nscim\r\n")
            try await Task.sleep(for: .milliseconds(20))
            try client.send("1;ext\r\n-\r\n4\r\ncore\r\n0\r\nX-Trailer: 1\r\n\r\n")
            #expect(try await client.readResponse().text == "scim-core")
        }
    }

    @Test("an oversized head is 431 and the connection closes")
    func oversizedHead() async throws {
        try await TestServer.with({ $0.limits.maxHeaderBytes = 2048 }) { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 4096))\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 431)
            #expect(response.headers["connection"] == "close")
            #expect(await client.waitForClose())
        }
    }

    @Test("a declared oversized body is 413 at once, without sending 100 or reading it")
    func oversizedBody() async throws {
        try await TestServer.with { _, port in
            let client = try RawClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10000000\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 413)
            #expect(response.headers["connection"] == "close")
        }
    }

    @Test("a route may accept a larger body than the default")
    func routeBodyLimit() async throws {
        try await TestServer.with { _, port in
            let client = try RawClient(port: port)
            let body = [UInt8](repeating: 0x61, count: 1_000_000)
            try client.send("POST /large HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n")
            try client.send(body)
            #expect(try await client.readResponse().text == "1000000")
        }
    }

    @Test("a framing error is 400 with Connection: close")
    func framingError() async throws {
        try await TestServer.with { _, port in
            let client = try RawClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 400)
            #expect(response.headers["connection"] == "close")
            #expect(await client.waitForClose())
        }
    }

    @Test("a slow request head is 408 and the connection closes (slowloris)")
    func slowHead() async throws {
        try await TestServer.with({ $0.readTimeout = .milliseconds(300) }) { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHo")
            for _ in 0..<4 {
                try await Task.sleep(for: .milliseconds(100))
                try? client.send("s")
            }
            let response = try await client.readResponse()
            #expect(response.status == 408)
            #expect(await client.waitForClose())
        }
    }

    @Test("an idle keep-alive connection is closed after the idle timeout")
    func idleTimeout() async throws {
        try await TestServer.with({ $0.idleTimeout = .milliseconds(300) }) { server, port in
            let client = try RawClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try await client.readResponse()
            #expect(await client.waitForClose())
            #expect(server.openConnections == 0)
        }
    }

    @Test("connections past maxConnections get 503 when none of the open ones is idle")
    func maxConnections() async throws {
        // Handlers that say when they run, so the test knows both connections are busy.
        let running = Atomic<Int>(0)
        var router = TestServer.router()
        router.add(.get, "/busy") { _ in
            running.add(1, ordering: .relaxed)
            try? await Task.sleep(for: .seconds(2))
            return .text(200, "done")
        }
        let server = HTTPServer(configuration: TestServer.configuration { $0.maxConnections = 2; $0.eventLoopCount = 1 },
                                router: router)
        let port = try server.start()
        let first = try RawClient(port: port)
        let second = try RawClient(port: port)
        try first.send("GET /busy HTTP/1.1\r\nHost: x\r\n\r\n")
        try second.send("GET /busy HTTP/1.1\r\nHost: x\r\n\r\n")
        for _ in 0..<500 where running.load(ordering: .relaxed) < 2 { try await Task.sleep(for: .milliseconds(10)) }
        // Both in the middle of a request: neither may be closed to make room.
        let third = try RawClient(port: port)
        #expect(try await third.readResponse().status == 503)
        await server.shutdown()
    }

    @Test("405 carries Allow and 404 is answered for unknown paths")
    func methodNotAllowed() async throws {
        try await TestServer.with { _, port in
            let client = try RawClient(port: port)
            try client.send("DELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 405)
            #expect(response.headers["allow"] == "GET, HEAD")
            try client.send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await client.readResponse().status == 404)
            try client.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try await client.readResponse(bodyless: true)
            #expect(head.status == 200)
            #expect(head.headers["content-length"] == "5")
        }
    }

    @Test("a client's X-Request-Id is echoed when it is plain")
    func requestID() async throws {
        try await TestServer.with { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc-123\r\n\r\n")
            #expect(try await client.readResponse().headers["x-request-id"] == "abc-123")
            try client.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Request-Id: <script>\r\n\r\n")
            #expect(try await client.readResponse().headers["x-request-id"] != "<script>")
        }
    }

    @Test("shutdown finishes an in-flight request, closes, and stops accepting")
    func shutdownDrains() async throws {
        let server = HTTPServer(configuration: TestServer.configuration(), router: TestServer.router())
        let port = try server.start()
        let client = try RawClient(port: port)
        try client.send("GET /slow/300 HTTP/1.1\r\nHost: x\r\n\r\n")
        try await Task.sleep(for: .milliseconds(50))
        server.beginShutdown()
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "slept 300")
        #expect(response.headers["connection"] == "close")
        await server.waitUntilStopped()
        #expect((try? RawClient(port: port)) == nil)
    }

    @Test("a second server on a port a server listens on is refused; once it stopped, the port is free again")
    func portInUseRefused() async throws {
        let first = HTTPServer(configuration: TestServer.configuration(), router: TestServer.router())
        let port = try first.start()
        // A connection the server closes leaves its side of the port in TIME_WAIT.
        let client = try RawClient(port: port)
        try client.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(try await client.readResponse().status == 200)

        // Every listening socket has SO_REUSEPORT: without the check the kernel would share the port.
        let second = HTTPServer(configuration: TestServer.configuration { $0.port = port }, router: TestServer.router())
        #expect {
            try second.start()
        } throws: { error in
            (error as? SocketError).map { $0.errno == EADDRINUSE && $0.description.contains("127.0.0.1:\(port)") } == true
        }
        // The first one still answers.
        for _ in 0..<4 {
            let again = try RawClient(port: port)
            try again.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(try await again.readResponse().text == "hello")
        }
        await first.shutdown()

        let third = HTTPServer(configuration: TestServer.configuration { $0.port = port }, router: TestServer.router())
        #expect(try third.start() == port)
        let last = try RawClient(port: port)
        try last.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try await last.readResponse().text == "hello")
        await third.shutdown()
    }
}

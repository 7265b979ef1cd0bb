import Synchronization
import Testing
import TestSupport
@testable import HTTP

/// Counts the requests a server has answered (its `onRequest` hook).
private final class AnsweredCount: Sendable {
    let value = Atomic<Int>(0)
    var hook: @Sendable (HTTPAccessRecord) -> Void { { _ in self.value.add(1, ordering: .relaxed) } }
}

/// Serialized: the pipelining test queues 75 MB of answers, and the head checks beside it
/// wait at most 5 s for theirs.
@Suite("Live server on 127.0.0.1 — hostile clients (issue 17)", .serialized)
struct HostileClientTests {
    @Test("a client that pipelines requests and reads nothing is not read past the unsent-output bound; it gets every answer once it reads")
    func pipelinedUnreadIsNotRead() async throws {
        let answered = AnsweredCount()
        try await TestServer.with({ $0.eventLoopCount = 1; $0.maxUnsentOutputBytes = 256 * 1024 }, onRequest: answered.hook) { _, port in
            let client = try RawClient(port: port)
            let requests = 300
            // 300 requests of 256 KiB answers: 75 MB queued in the server if it kept reading.
            try client.send(String(repeating: "GET /big/256 HTTP/1.1\r\nHost: x\r\n\r\n", count: requests))
            try await Task.sleep(for: .seconds(1))
            // What the kernel's socket buffers absorb (a few MB) plus one bound's worth.
            let answeredBeforeReading = answered.value.load(ordering: .relaxed)
            #expect(answeredBeforeReading < 150, "the server answered \(answeredBeforeReading) of \(requests) unread requests")
            for index in 0..<requests {
                let response = try await client.readResponse()
                guard response.status == 200, response.body.count == 256 * 1024 else {
                    Issue.record("response \(index): \(response.status), \(response.body.count) bytes")
                    return
                }
            }
            #expect(answered.value.load(ordering: .relaxed) == requests)
        }
    }

    @Test("a head check refuses a bad credential before the body is sent, then the connection closes")
    func headCheckRefusesBeforeBody() async throws {
        try await TestServer.with { server, port in
            let client = try RawClient(port: port, timeoutSeconds: 5)
            try client.send("POST /guarded HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer bad\r\nContent-Length: 60000000\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 401)
            #expect(response.headers["connection"] == "close")
            #expect(await client.waitForClose())
            _ = server
        }
    }

    @Test("a head check that passes lets the body be read, and 100 Continue comes only after it")
    func headCheckPasses() async throws {
        try await TestServer.with { _, port in
            let refused = try RawClient(port: port, timeoutSeconds: 5)
            try refused.send("POST /guarded HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            #expect(try await refused.readResponse().status == 401)
            let client = try RawClient(port: port, timeoutSeconds: 5)
            try client.send("POST /guarded HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            #expect(try await client.readResponse().status == 100)
            try client.send("hello")
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "5")
            // Chunked, and a second request on the same connection.
            try client.send("POST /guarded HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
            #expect(try await client.readResponse().text == "3")
        }
    }

    @Test("past a passed head check, a declared body above the route's limit is 413 at once, without 100 Continue")
    func headCheckPassesOversizedBody() async throws {
        try await TestServer.with { _, port in
            // Before: neither 100 nor 413 until the client sent the body it held back (curl
            // gives up waiting after 1 s), against RFC 9110 §10.1.1's immediate answer.
            let client = try RawClient(port: port, timeoutSeconds: 2)
            try client.send("POST /guarded HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\nExpect: 100-continue\r\n"
                + "Content-Length: 100000000\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 413)
            #expect(response.headers["connection"] == "close")
            #expect(await client.waitForClose())
        }
    }

    @Test("a head check that hangs holds the connection no longer than the read timeout (503, Retry-After)")
    func hangingHeadCheck() async throws {
        try await TestServer.with({ $0.readTimeout = .milliseconds(300) }) { _, port in
            let client = try RawClient(port: port, timeoutSeconds: 2)
            try client.send("POST /stuck-check HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 503)
            #expect(response.headers["retry-after"] == "1")
            #expect(await client.waitForClose())
        }
    }

    @Test("bodies past the in-flight bound get 503 with Retry-After; the bound is freed when a request ends")
    func bodyBytesInFlightBound() async throws {
        try await TestServer.with({ $0.maxBodyBytesInFlight = 100_000 }) { _, port in
            // A declared length that cannot fit: refused before a byte is sent.
            let declared = try RawClient(port: port, timeoutSeconds: 5)
            try declared.send("POST /large HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n")
            let refusal = try await declared.readResponse()
            #expect(refusal.status == 503)
            #expect(refusal.headers["retry-after"] == "1")
            #expect(await declared.waitForClose())

            // Two chunked uploads that together pass the bound: the second is refused.
            let first = try RawClient(port: port, timeoutSeconds: 5)
            let chunk = "ea60\r\n" + String(repeating: "a", count: 60_000) + "\r\n"
            try first.send("POST /large HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk)
            try await Task.sleep(for: .milliseconds(200))
            let second = try RawClient(port: port, timeoutSeconds: 5)
            try second.send("POST /large HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk)
            #expect(try await second.readResponse().status == 503)
            try first.send("0\r\n\r\n")
            #expect(try await first.readResponse().text == "60000")

            // Both released: a body of 90,000 bytes fits again.
            let third = try RawClient(port: port, timeoutSeconds: 5)
            try third.send("POST /large HTTP/1.1\r\nHost: x\r\nContent-Length: 90000\r\n\r\n" + String(repeating: "b", count: 90_000))
            #expect(try await third.readResponse().text == "90000")
        }
    }

    @Test("a body that trickles in steadily still has an overall deadline (408)")
    func bodyDeadline() async throws {
        try await TestServer.with({ $0.readTimeout = .milliseconds(400); $0.bodyTimeout = .milliseconds(700) }) { _, port in
            let client = try RawClient(port: port, timeoutSeconds: 10)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")
            let trickling = Atomic<Bool>(true)
            let answered = Atomic<Bool>(false)
            let response = Task { () throws -> (RawClient.Response, answeredWhileTrickling: Bool) in
                let answer = try await client.readResponse()
                answered.store(true, ordering: .relaxed)
                return (answer, trickling.load(ordering: .relaxed))
            }
            // One byte every 150 ms, for up to 6 s: never a stall as long as the read
            // timeout, so only the body deadline can end it while bytes still arrive.
            for _ in 0..<40 where !answered.load(ordering: .relaxed) {
                try await Task.sleep(for: .milliseconds(150))
                try? client.send("a")
            }
            trickling.store(false, ordering: .relaxed)
            let (answer, answeredWhileTrickling) = try await response.value
            #expect(answer.status == 408)
            #expect(answeredWhileTrickling, "408 came only after the client stopped sending")
        }
    }

    @Test("a repeated Authorization header is 400")
    func repeatedAuthorization() async throws {
        try await TestServer.with { _, port in
            let client = try RawClient(port: port, timeoutSeconds: 5)
            try client.send("GET /hello HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 400)
            #expect(response.text.contains("authorization"))
        }
    }

    @Test("at the connection limit, a new connection closes the longest-idle one instead of getting 503")
    func idleConnectionsMakeRoom() async throws {
        try await TestServer.with({ $0.maxConnections = 3; $0.eventLoopCount = 1 }) { server, port in
            var idle: [RawClient] = []
            for _ in 0..<3 { idle.append(try RawClient(port: port, timeoutSeconds: 5)) }
            try await Task.sleep(for: .milliseconds(100))
            try idle[1].send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try await idle[1].readResponse()
            // The health check of someone else still gets in.
            let newcomer = try RawClient(port: port, timeoutSeconds: 5)
            try newcomer.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await newcomer.readResponse().status == 200)
            // The idle ones were closed, longest idle first; none left open behind the limit.
            #expect(await idle[0].waitForClose())
            #expect(server.openConnections <= 3)
        }
    }

    @Test("at the connection limit with none idle, heads stalled for over a second make room (slowloris flood)")
    func stalledHeadsMakeRoom() async throws {
        try await TestServer.with({ $0.maxConnections = 2; $0.eventLoopCount = 1 }) { _, port in
            let first = try RawClient(port: port, timeoutSeconds: 5)
            let second = try RawClient(port: port, timeoutSeconds: 5)
            try first.send("GET /hello HTTP/1.1\r\n")
            try second.send("GET /hello HTTP/1.1\r\n")
            try await Task.sleep(for: .milliseconds(1300))
            let newcomer = try RawClient(port: port, timeoutSeconds: 5)
            try newcomer.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await newcomer.readResponse().status == 200)
            #expect(await first.waitForClose())
        }
    }

    @Test("a Host is echoed into URLs only when it is a plain host[:port]")
    func hostAuthority() {
        let cases: [(String, String?)] = [
            ("example.com", "example.com"),
            ("127.0.0.1:18611", "127.0.0.1:18611"),
            ("[::1]:8080", "[::1]:8080"),
            ("scim-1.example.com:443", "scim-1.example.com:443"),
            ("127.0.0.1:18611@evil.com", nil),
            ("user@evil.com", nil),
            ("evil.com/path", nil),
            ("evil.com:80:80", nil),
            ("evil.com:99999", nil),
            ("evil.com:", nil),
            ("ex%41mple.com", nil),
            ("a b", nil),
            ("", nil),
            ("[::1", nil),
            ("[::1]x", nil),
            (":8080", nil),
        ]
        for (host, expected) in cases {
            #expect(HostAuthority.validated(host) == expected, "\(host)")
        }
    }
}

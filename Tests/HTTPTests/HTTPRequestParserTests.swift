import Testing
@testable import HTTP

@Suite("Request parsing — RFC 9112 message framing")
struct HTTPRequestParserTests {
    static let host = "Host: x\r\n"

    @Test("a simple GET gives its method, target, version and headers")
    func simpleGet() throws {
        let outcome = ParserHarness.parse("GET /scim/v2/Users?filter=a HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n")
        guard case .requests(let requests) = outcome, let request = requests.first else {
            Issue.record("expected a request, got \(outcome)")
            return
        }
        #expect(requests.count == 1)
        #expect(request.head.method == .get)
        #expect(request.head.target == "/scim/v2/Users?filter=a")
        #expect(request.head.path == "/scim/v2/Users")
        #expect(request.head.query == "filter=a")
        #expect(request.head.version == .http1_1)
        #expect(request.head.headers["HOST"] == "example.com")
        #expect(request.head.keepAlive)
        #expect(request.body.isEmpty)
    }

    /// Each row: a raw request and the status the server must answer (200 = parsed).
    static let framingCases: [(name: String, raw: String, status: Int)] = [
        ("Content-Length body", "POST / HTTP/1.1\r\n\(host)Content-Length: 3\r\n\r\nabc", 200),
        ("zero Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: 0\r\n\r\n", 200),
        ("repeated identical Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 200),
        ("Content-Length list of identical values", "POST / HTTP/1.1\r\n\(host)Content-Length: 3, 3\r\n\r\nabc", 200),
        ("chunked body", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 200),
        ("chunked with extension and trailer", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: v\r\n\r\n", 200),
        ("chunked in upper case", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: CHUNKED\r\n\r\n0\r\n\r\n", 200),
        ("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", 200),
        ("leading empty line ignored", "\r\nGET / HTTP/1.1\r\n\(host)\r\n", 200),
        ("absolute-form target", "GET http://x/a?b HTTP/1.1\r\n\(host)\r\n", 200),
        ("OWS around a value", "GET / HTTP/1.1\r\nHost:   x  \r\n\r\n", 200),
        ("obs-text in a value", "GET / HTTP/1.1\r\n\(host)X: caf\u{e9}\r\n\r\n", 200),
        // RFC 9112 §6.1: CL together with TE.
        ("Content-Length with Transfer-Encoding", "POST / HTTP/1.1\r\n\(host)Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("Transfer-Encoding with Content-Length", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n", 400),
        // RFC 9112 §6.3: conflicting or invalid Content-Length.
        ("conflicting duplicate Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
        ("conflicting Content-Length list", "POST / HTTP/1.1\r\n\(host)Content-Length: 3, 4\r\n\r\nabcd", 400),
        ("non-digit Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: 3a\r\n\r\nabc", 400),
        ("negative Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: -1\r\n\r\n", 400),
        ("signed Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: +3\r\n\r\nabc", 400),
        ("hex Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: 0x3\r\n\r\nabc", 400),
        ("empty Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: \r\n\r\n", 400),
        ("huge Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: 99999999999999999999999\r\n\r\n", 400),
        // A field read as one value, sent twice (issue 17, defect 7).
        ("repeated Authorization", "GET / HTTP/1.1\r\n\(host)Authorization: Bearer a\r\nAuthorization: Bearer b\r\n\r\n", 400),
        ("repeated Authorization, other case", "GET / HTTP/1.1\r\n\(host)Authorization: Bearer a\r\nauthorization: Bearer a\r\n\r\n", 400),
        ("repeated Content-Type", "POST / HTTP/1.1\r\n\(host)Content-Type: a/b\r\nContent-Type: c/d\r\nContent-Length: 0\r\n\r\n", 400),
        ("repeated If-Match", "PUT / HTTP/1.1\r\n\(host)If-Match: W/\"1\"\r\nIf-Match: W/\"2\"\r\nContent-Length: 0\r\n\r\n", 400),
        ("repeated If-None-Match", "GET / HTTP/1.1\r\n\(host)If-None-Match: W/\"1\"\r\nIf-None-Match: *\r\n\r\n", 400),
        ("repeated list field is fine", "GET / HTTP/1.1\r\n\(host)Accept: a/b\r\nAccept: c/d\r\n\r\n", 200),
        // Transfer codings.
        ("gzip only", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip\r\n\r\n", 501),
        ("gzip then chunked", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501),
        ("chunked twice", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", 501),
        ("chunked then gzip", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked, gzip\r\n\r\n", 501),
        ("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        // Chunk framing.
        ("chunk size not hex", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("chunk size too long", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n1000000000000000000\r\n", 400),
        ("chunk data without CRLF", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", 400),
        ("chunk-size line ending in a bare LF", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", 400),
        ("last chunk ending in a bare LF", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0\n\n", 400),
        ("trailer ending in a bare LF", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0\r\nX-T: 1\n\r\n", 400),
        ("blank line after the last chunk is a bare LF", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0\r\n\n", 400),
        ("junk after chunk size", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n3 x\r\nabc\r\n0\r\n\r\n", 400),
        // Header field syntax (RFC 9112 §5, RFC 9110 §5.5).
        ("space before colon", "GET / HTTP/1.1\r\n\(host)X-A : b\r\n\r\n", 400),
        ("obs-fold", "GET / HTTP/1.1\r\n\(host)X-A: b\r\n c\r\n\r\n", 400),
        ("NUL in a value", "GET / HTTP/1.1\r\n\(host)X-A: b\u{0}c\r\n\r\n", 400),
        ("bare CR in a value", "GET / HTTP/1.1\r\n\(host)X-A: b\rc\r\n\r\n", 400),
        ("bare LF line ending", "GET / HTTP/1.1\r\n\(host)X-A: b\nX-B: c\r\n\r\n", 400),
        // Lines that all end in a bare LF never make the CRLF CRLF of a complete head.
        ("bare LF only", "GET / HTTP/1.1\nHost: x\n\n", 400),
        ("bare LF after the request line", "GET / HTTP/1.1\n", 400),
        ("bare LF blank line", "GET / HTTP/1.1\r\n\(host)\n", 400),
        ("a leading bare LF", "\nGET / HTTP/1.1\r\n\(host)\r\n", 400),
        ("LF of a short first line", "G\n", 400),
        ("DEL in a value", "GET / HTTP/1.1\r\n\(host)X-A: b\u{7f}\r\n\r\n", 400),
        ("invalid name character", "GET / HTTP/1.1\r\n\(host)X(A): b\r\n\r\n", 400),
        ("empty header name", "GET / HTTP/1.1\r\n\(host): b\r\n\r\n", 400),
        ("line without colon", "GET / HTTP/1.1\r\n\(host)NoColon\r\n\r\n", 400),
        // Request line (RFC 9112 §3).
        ("missing Host in HTTP/1.1", "GET / HTTP/1.1\r\n\r\n", 400),
        ("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("lower-case version", "GET / http/1.1\r\n\(host)\r\n", 400),
        ("HTTP/2.0 version", "GET / HTTP/2.0\r\n\(host)\r\n", 505),
        ("HTTP/0.9 version", "GET / HTTP/0.9\r\n\(host)\r\n", 505),
        ("no version", "GET /\r\n\(host)\r\n", 400),
        ("target without slash", "GET users HTTP/1.1\r\n\(host)\r\n", 400),
        ("control character in target", "GET /a\u{1}b HTTP/1.1\r\n\(host)\r\n", 400),
        ("invalid method character", "G(T / HTTP/1.1\r\n\(host)\r\n", 400),
        ("empty method", " / HTTP/1.1\r\n\(host)\r\n", 400),
        ("asterisk for GET", "GET * HTTP/1.1\r\n\(host)\r\n", 400),
        ("asterisk for OPTIONS", "OPTIONS * HTTP/1.1\r\n\(host)\r\n", 200),
        // Expect (RFC 9110 §10.1.1).
        ("Expect 100-continue", "POST / HTTP/1.1\r\n\(host)Expect: 100-continue\r\nContent-Length: 1\r\n\r\na", 200),
        ("unknown expectation", "POST / HTTP/1.1\r\n\(host)Expect: 200-ok\r\nContent-Length: 1\r\n\r\na", 417),
    ]

    @Test("framing rules", arguments: framingCases)
    func framing(name: String, raw: String, status: Int) {
        let outcome = ParserHarness.parse(raw)
        switch outcome {
        case .requests(let requests):
            #expect(status == 200, "\(name): parsed, expected \(status)")
            #expect(requests.count == 1, "\(name)")
        case .failed(let got, _):
            #expect(got == status, "\(name): got \(got), expected \(status)")
        }
    }

    @Test("the framing table is not empty")
    func framingTableIsNotEmpty() { #expect(Self.framingCases.count > 40) }

    @Test("a head above maxHeaderBytes is 431, before and after its end arrives")
    func headTooLarge() {
        var limits = HTTPRequestParser.Limits()
        limits.maxHeaderBytes = 1024
        let big = "GET / HTTP/1.1\r\n\(Self.host)X: \(String(repeating: "a", count: 2000))\r\n\r\n"
        #expect(ParserHarness.parse(big, limits: limits) == .failed(status: 431, after: []))
        let unterminated = "GET / HTTP/1.1\r\n\(Self.host)X: \(String(repeating: "a", count: 2000))"
        #expect(ParserHarness.parse(unterminated, limits: limits) == .failed(status: 431, after: []))
    }

    @Test("more header lines than maxHeaderCount is 431")
    func tooManyHeaders() {
        var limits = HTTPRequestParser.Limits()
        limits.maxHeaderCount = 10
        let lines = (0..<11).map { "X-\($0): v\r\n" }.joined()
        #expect(ParserHarness.parse("GET / HTTP/1.1\r\n\(lines)\r\n", limits: limits) == .failed(status: 431, after: []))
    }

    @Test("a declared body above the limit is 413 before any body byte arrives")
    func declaredBodyTooLarge() {
        var limits = HTTPRequestParser.Limits()
        limits.maxBodyBytes = 10
        #expect(ParserHarness.parse("POST / HTTP/1.1\r\n\(Self.host)Content-Length: 11\r\n\r\n", limits: limits)
            == .failed(status: 413, after: []))
    }

    @Test("a chunked body is 413 as soon as its received length passes the limit")
    func chunkedBodyTooLarge() {
        var limits = HTTPRequestParser.Limits()
        limits.maxBodyBytes = 10
        let raw = "POST / HTTP/1.1\r\n\(Self.host)Transfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n"
        #expect(ParserHarness.parse(raw, limits: limits) == .failed(status: 413, after: []))
    }

    @Test("the caller may raise the body limit after the head")
    func raisedBodyLimit() throws {
        var limits = HTTPRequestParser.Limits()
        limits.maxBodyBytes = 2
        var parser = HTTPRequestParser(limits: limits)
        var buffer = InputBuffer(Array("POST / HTTP/1.1\r\n\(Self.host)Content-Length: 5\r\n\r\nhello".utf8))
        guard case .head = try parser.next(&buffer) else { Issue.record("no head"); return }
        parser.bodyLimit = 5
        #expect(try parser.next(&buffer) == .body(Array("hello".utf8)[...]))
        #expect(try parser.next(&buffer) == .end)
    }

    @Test("Connection decides keep-alive for HTTP/1.1 and HTTP/1.0", arguments: [
        ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Close\r\n\r\n", false),
        ("GET / HTTP/1.0\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true),
    ])
    func keepAlive(raw: String, expected: Bool) {
        guard case .requests(let requests) = ParserHarness.parse(raw), let request = requests.first else {
            Issue.record("not parsed")
            return
        }
        #expect(request.head.keepAlive == expected)
    }

    @Test("pipelined requests come out in order with their bodies")
    func pipelined() {
        let raw = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhiGET /b HTTP/1.1\r\nHost: x\r\n\r\n"
        guard case .requests(let requests) = ParserHarness.parse(raw) else { Issue.record("not parsed"); return }
        #expect(requests.map(\.head.target) == ["/a", "/b"])
        #expect(requests.first?.body == Array("hi".utf8))
    }

    @Test("after an error every call fails again")
    func errorIsSticky() {
        var parser = HTTPRequestParser()
        var buffer = InputBuffer(Array("GET / HTTP/1.1\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next(&buffer) }
        var more = InputBuffer(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next(&more) }
    }

    @Test("every byte that is not a tchar is refused in a header name")
    func tcharSweep() {
        let tchars = Set(Array("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8))
        for byte in UInt8(0)...UInt8(255) where byte != 0x3A && byte != 0x0D && byte != 0x0A {
            var raw = Array("GET / HTTP/1.1\r\nHost: x\r\nX".utf8)
            raw.append(byte)
            raw += Array("Y: v\r\n\r\n".utf8)
            let outcome = ParserHarness.parse(raw)
            if tchars.contains(byte) {
                #expect(outcome != .failed(status: 400, after: []), "byte \(byte) is a tchar")
            } else {
                #expect(outcome == .failed(status: 400, after: []), "byte \(byte) is not a tchar")
            }
        }
    }
}

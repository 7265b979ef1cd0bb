import Foundation
import Testing
import TestSupport
@testable import HTTP

@Suite("Live server on 127.0.0.1 — curl as the client")
struct HTTPServerCurlTests {
    @Test("curl reuses one keep-alive connection for two requests")
    func keepAlive() async throws {
        try await TestServer.with { _, port in
            let url = "http://127.0.0.1:\(port)/hello"
            let result = try await Curl.run(["--write-out", " connects=%{num_connects}\n", url, url])
            #expect(result.exitCode == 0, "\(result.errorOutput)")
            #expect(result.output == "hello connects=1\nhello connects=0\n")
        }
    }

    @Test("curl's Expect: 100-continue upload of a body over 1 KiB is echoed")
    func expectContinue() async throws {
        try await TestServer.with { _, port in
            let body = String(repeating: "0123456789abcdef", count: 256)
            // curl 7.88 sends Expect on its own only above 1 MiB; ask for it as older curls did above 1 KiB.
            let result = try await Curl.run(["--verbose", "-H", "Expect: 100-continue", "--data-binary", body,
                                             "http://127.0.0.1:\(port)/echo"])
            #expect(result.exitCode == 0, "\(result.errorOutput)")
            #expect(result.output == body)
            #expect(result.errorOutput.contains("Expect: 100-continue"))
            #expect(result.errorOutput.contains("HTTP/1.1 100 Continue"))
        }
    }

    @Test("curl's chunked upload is reassembled")
    func chunkedUpload() async throws {
        try await TestServer.with { _, port in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-chunked-\(UUID().uuidString)")
            let body = String(repeating: "chunk-", count: 5000)
            try body.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let result = try await Curl.run(["-H", "Transfer-Encoding: chunked", "-H", "Expect:", "--data-binary", "@\(file.path)",
                                             "http://127.0.0.1:\(port)/echo"])
            #expect(result.exitCode == 0, "\(result.errorOutput)")
            #expect(result.output == body)
        }
    }

    @Test("curl over HTTP/1.0 is answered")
    func http10() async throws {
        try await TestServer.with { _, port in
            let result = try await Curl.run(["--http1.0", "--include", "http://127.0.0.1:\(port)/hello"])
            #expect(result.exitCode == 0, "\(result.errorOutput)")
            #expect(result.output.contains("HTTP/1.1 200 OK"))
            #expect(result.output.contains("Connection: close"))
            #expect(result.output.hasSuffix("hello"))
        }
    }

    @Test("curl sees 413 for a body above the limit")
    func payloadTooLarge() async throws {
        try await TestServer.with { _, port in
            let body = String(repeating: "x", count: 100 * 1024)
            let result = try await Curl.run(["--write-out", "%{http_code}", "--output", "/dev/null", "--data-binary", body,
                                             "http://127.0.0.1:\(port)/echo"])
            #expect(result.output == "413")
        }
    }
}

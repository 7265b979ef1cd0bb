import Foundation
import Testing
@testable import Percolator

@Suite("Connector HTTP client — Retry-After (RFC 9110 §10.2.3), base URLs")
struct ConnectorHTTPClientTests {
    @Test("Retry-After as delay-seconds or an HTTP date; anything else is no hint", arguments: [
        ("3", 3.0 as Double?), ("0", 0), (" 12 ", 12), ("-1", nil), ("soon", nil), ("", nil),
        ("Fri, 04 Dec 2026 10:00:30 GMT", 30), ("Fri, 04 Dec 2026 09:59:00 GMT", 0),
    ])
    func retryAfter(value: String, expected: Double?) {
        let now = Date(timeIntervalSince1970: 1_796_378_400)  // Fri, 04 Dec 2026 10:00:00 GMT
        #expect(ConnectorHTTPClient.retryAfter(value, now: now) == expected)
    }

    @Test("a base URL that is not absolute http(s) is a configuration failure")
    func badBaseURL() throws {
        #expect(throws: ConnectorFailure.self) { try ConnectorJSON.url(URL(fileURLWithPath: "/tmp"), path: "/users.list") }
        let url = try ConnectorJSON.url(try #require(URL(string: "https://slack.com/api/")), path: "/users.list")
        #expect(url.absoluteString == "https://slack.com/api/users.list")
    }

    @Test("next links are followed only to the same scheme, host and port")
    func sameOrigin() throws {
        let base = try #require(URL(string: "https://graph.microsoft.com/v1.0"))
        #expect(ConnectorJSON.isSameOrigin(try #require(URL(string: "https://graph.microsoft.com/v1.0/x?$skiptoken=1")), as: base))
        #expect(ConnectorJSON.isSameOrigin(try #require(URL(string: "https://GRAPH.microsoft.com:443/v1.0/x")), as: base))
        #expect(!ConnectorJSON.isSameOrigin(try #require(URL(string: "http://graph.microsoft.com/v1.0/x")), as: base))
        #expect(!ConnectorJSON.isSameOrigin(try #require(URL(string: "https://graph.microsoft.com.evil.example/x")), as: base))
    }
}

import Testing
import TestSupport
@testable import Percolator

/// Issue 17's defects that an unauthenticated client can trigger, end to end.
@Suite("Hostile requests to a live server (issue 17)")
struct HostileRequestTests {
    @Test("a wrong or missing token on a request with a huge body is 401 before the body is sent, then the connection closes",
          arguments: ["/api/v1/imports", "/scim/v2/Users", "/scim/v2/Bulk"])
    func unauthorisedBodyIsNotRead(path: String) async throws {
        try await LiveServer.with { live in
            for authorization in ["Authorization: Bearer pcl_wrong\r\n", ""] {
                let client = try RawClient(port: live.port, timeoutSeconds: 5)
                try client.send("POST \(path) HTTP/1.1\r\nHost: x\r\n\(authorization)Content-Type: text/csv\r\nContent-Length: 62914560\r\n\r\n")
                let response = try await client.readResponse()
                #expect(response.status == 401, "\(path) \(authorization)")
                #expect(response.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
                #expect(response.headers["www-authenticate"]?.contains("invalid_token") == !authorization.isEmpty,
                        "the head check too: an error code only for a token presented (RFC 6750 §3.1)")
                #expect(await client.waitForClose())
            }
        }
    }

    @Test("a good token still uploads its body after the head check")
    func authorisedBodyIsRead() async throws {
        try await LiveServer.with { live in
            let client = try RawClient(port: live.port, timeoutSeconds: 10)
            let csv = "email,givenName\r\nzoe@example.com,Zoe\r\n"
            try client.send("POST /api/v1/imports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(live.adminToken)\r\n"
                + "Content-Type: text/csv\r\nExpect: 100-continue\r\nContent-Length: \(csv.utf8.count)\r\n\r\n")
            #expect(try await client.readResponse().status == 100)
            try client.send(csv)
            #expect(try await client.readResponse().status == 200)
        }
    }

    @Test("unknown methods share one metrics label; no label value comes from the client")
    func unknownMethodsShareOneLabel() async throws {
        try await LiveServer.with { live in
            for method in ["Q1234", "Q5678", "BREW"] {
                let client = try RawClient(port: live.port, timeoutSeconds: 5)
                try client.send("\(method) /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try await client.readResponse().status == 405)
                let unmatched = try RawClient(port: live.port, timeoutSeconds: 5)
                try unmatched.send("\(method) /no/such/\(method) HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try await unmatched.readResponse().status == 404)
            }
            let text = live.server.metrics.render()
            #expect(!text.contains("Q1234") && !text.contains("BREW") && !text.contains("/no/such"))
            #expect(text.contains(#"percolator_http_requests_total{method="other",route="unmatched",status="405"} 3"#))
            #expect(text.contains(#"percolator_http_requests_total{method="other",route="unmatched",status="404"} 3"#))
        }
    }

    @Test("a Host that is not a plain host[:port] never reaches meta.location or Location")
    func hostWithUserInfoIsNotEchoed() async throws {
        try await LiveServer.with { live in
            for host in ["127.0.0.1:\(live.port)@evil.com", "evil.com/x", "evil.com\"x"] {
                let client = try RawClient(port: live.port, timeoutSeconds: 5)
                let body = #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"u\#(abs(host.hashValue))"}"#
                try client.send("POST /scim/v2/Users HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(live.scimToken)\r\n"
                    + "Content-Type: application/scim+json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
                let response = try await client.readResponse()
                #expect(response.status == 201)
                let location = response.headers["location"] ?? ""
                #expect(location.hasPrefix("http://127.0.0.1:\(live.port)/scim/v2/Users/"), "\(location)")
                #expect(!response.text.contains("evil"))
            }
            // A plain host[:port] is still used, as before.
            let client = try RawClient(port: live.port, timeoutSeconds: 5)
            let body = #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"plain"}"#
            try client.send("POST /scim/v2/Users HTTP/1.1\r\nHost: scim.example.com:8443\r\nAuthorization: Bearer \(live.scimToken)\r\n"
                + "Content-Type: application/scim+json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
            #expect(try await client.readResponse().headers["location"]?.hasPrefix("http://scim.example.com:8443/scim/v2/Users/") == true)
        }
    }

    @Test("a repeated Authorization header is 400, whichever token comes first")
    func repeatedAuthorization() async throws {
        try await LiveServer.with { live in
            let client = try RawClient(port: live.port, timeoutSeconds: 5)
            try client.send("GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(live.scimToken)\r\nAuthorization: Bearer pcl_other\r\n\r\n")
            #expect(try await client.readResponse().status == 400)
        }
    }
}

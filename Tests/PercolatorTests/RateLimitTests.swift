import Store
import Testing
import TestSupport
@testable import Percolator

@Suite("Rate limits — 429 per tenant over loopback, RateLimit fields on every response")
struct RateLimitTests {
    /// A server whose SCIM and admin buckets hold `burst` requests refilled at one per
    /// second of `clock`, which only the test moves.
    static func start(burst: Int, clock: ManualClock, _ body: (LiveServer) async throws -> Void) async throws {
        try await LiveServer.with({ configuration in
            configuration.rateLimits.scim = RateLimitPolicy(rate: 1, burst: burst)
            configuration.rateLimits.admin = RateLimitPolicy(rate: 1, burst: burst)
            configuration.rateLimits.clock = { clock.now }
        }, body)
    }

    @Test("a SCIM burst gets 429 with Retry-After and a SCIM error; the other tenant is served; after the wait, served again")
    func scimBurst() async throws {
        let clock = ManualClock()
        try await Self.start(burst: 3, clock: clock) { live in
            let other = try await live.store.createTenant(name: "other")
            let otherToken = try await live.store.issueToken(tenant: other.id, kind: .scim, label: nil).plaintext
            let client = try live.client()
            for remaining in [2, 1, 0] {
                let served = try await client.get("/scim/v2/Users")
                #expect(served.status == 200)
                #expect(served.headers["ratelimit"]?.hasPrefix("\"scim\";r=\(remaining);t=") == true)
                #expect(served.headers["ratelimit-policy"] == #""scim";q=3;w=3"#)
            }
            let refused = try await client.get("/scim/v2/Users")
            #expect(refused.status == 429)
            #expect(refused.headers["retry-after"] == "1")
            #expect(refused.headers["content-type"] == "application/scim+json")
            #expect(refused.headers["ratelimit"] == #""scim";r=0;t=1"#)
            #expect(refused[attribute: "status"]?.stringValue == "429")
            #expect(refused[attribute: "schemas"]?.arrayValue?.first?.stringValue == "urn:ietf:params:scim:api:messages:2.0:Error")
            #expect(refused[attribute: "detail"]?.stringValue?.isEmpty == false)
            // A body-carrying request is refused by the head check, before its body is
            // read; the server then closes the connection.
            let refusedCreate = try await live.client().post("/scim/v2/Users", SCIMBodies.user("late@example.com"))
            #expect(refusedCreate.status == 429)
            #expect(refusedCreate.headers["retry-after"] == "1")
            #expect(refusedCreate.headers["connection"] == "close")

            let theirs = try live.client(token: otherToken)
            #expect(try await theirs.get("/scim/v2/Users").status == 200)
            // The admin API has its own bucket: a SCIM burst leaves it untouched.
            let admin = try live.client(token: live.adminToken)
            #expect(try await admin.get("/api/v1/members").status == 200)

            clock.advance(.seconds(1))
            let again = try await client.post("/scim/v2/Users", SCIMBodies.user("late@example.com"))
            #expect(again.status == 201)
            #expect(try await client.get("/scim/v2/Users").status == 429)
        }
    }

    @Test("the admin API is limited per tenant on its own bucket, with the same 429")
    func adminBurst() async throws {
        let clock = ManualClock()
        try await Self.start(burst: 2, clock: clock) { live in
            let admin = try live.client(token: live.adminToken)
            for _ in 0..<2 {
                let served = try await admin.get("/api/v1/members")
                #expect(served.status == 200)
                #expect(served.headers["ratelimit-policy"] == #""admin";q=2;w=2"#)
            }
            let refused = try await admin.get("/api/v1/members")
            #expect(refused.status == 429)
            #expect(refused.headers["retry-after"] == "1")
            #expect(refused[attribute: "status"]?.stringValue == "429")
            #expect(try await live.client().get("/scim/v2/Users").status == 200)
            clock.advance(.seconds(5))
            #expect(try await admin.get("/api/v1/members").status == 200)
        }
    }

    @Test("the defaults serve a burst far beyond an IdP's pace, and say so in the fields")
    func defaults() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            for _ in 0..<50 { #expect(try await client.get("/scim/v2/ServiceProviderConfig").status == 200) }
            let last = try await client.get("/scim/v2/Users")
            #expect(last.status == 200)
            #expect(last.headers["ratelimit-policy"] == #""scim";q=1000;w=10"#)
            #expect(last.headers["ratelimit"]?.hasPrefix("\"scim\";r=9") == true)
        }
    }

    @Test("GET on the POST-only /api/v1/invitations/accept is 405 with Allow, not a member look-up")
    func invitationAcceptIsNotAMember() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let response = try await admin.get("/api/v1/invitations/accept")
            #expect(response.status == 405)
            #expect(response.headers["allow"] == "POST")
        }
    }
}

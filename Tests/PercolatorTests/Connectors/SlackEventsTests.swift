import Coffee
import Crypto
import Foundation
import SCIM
import Store
import Testing
import TestSupport
@testable import Percolator

/// Slack's Events API on a Slack connection: signed requests from the documented bodies
/// (`fixtures/connectors/slack/events-*.json`) applied through the sync transitions for
/// one person; forged, stale and misdirected ones refused, changing nothing.
@Suite("Slack Events API — url_verification, team_join and user_change, signatures and replay window")
struct SlackEventsTests {
    static let t1 = ServiceFixture.t1
    static let t2 = ServiceFixture.t2
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let signingSecret = "8f742231b10e8888abcd99yyyzzz85a5"

    static func body(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: ConnectorFixtures.url("slack/\(name)")))
    }

    /// Slack's headers for `body` signed with `secret` at `time`.
    static func signature(_ body: [UInt8], secret: String = signingSecret, at time: Date = now) -> (timestamp: String, signature: String) {
        let timestamp = String(Int(time.timeIntervalSince1970))
        let code = HMACSHA256.authenticationCode(for: Array("v0:\(timestamp):".utf8) + body, key: Array(secret.utf8))
        return (timestamp, "v0=" + code.map { String(format: "%02x", $0) }.joined())
    }

    static func slack(signingSecret: String? = SlackEventsTests.signingSecret, workspace: String? = nil) -> ConnectionService.Input {
        var settings = ConnectionSettings()
        settings.baseURL = "http://127.0.0.1:9/api"  // never called: events only
        settings.teamID = workspace
        settings.fields = [["title", "title"]]
        return ConnectionService.Input(kind: .slack, name: "Slack", settings: settings, secret: "xoxb-bot-token",
                                       signingSecret: signingSecret)
    }

    static func send(_ service: ConnectionService, _ id: ConnectionID, tenant: TenantID, _ body: [UInt8],
                     signed: (timestamp: String, signature: String)? = nil, at time: Date = now) async throws -> ConnectionService.SlackEventOutcome {
        let headers = signed ?? signature(body)
        return try await service.slackEvent(id, tenant: tenant, timestamp: headers.timestamp, signature: headers.signature,
                                            body: body, at: time)
    }

    static func members(_ fixture: ServiceFixture, _ tenant: TenantID = t1) async throws -> [Member] {
        try await fixture.persistence.read { db in try db.members.liveMembers(tenant: tenant) }
    }

    @Test("a signed team_join creates the member, user_change updates the title, a deleted user is deactivated; the challenge is answered")
    func signedEvents() async throws {
        try await ServiceFixture.with { fixture in
            let service = try ConnectionServiceTests.service(fixture)
            let connection = try await service.create(Self.slack(workspace: "T012AB3C4"), tenant: Self.t1, at: Self.now)
            let stored = try await service.connection(connection.id, tenant: Self.t1)
            #expect(!stored.settings.contains(Self.signingSecret) && stored.settings.contains("sealedSigningSecret"),
                    "the signing secret is sealed at rest")

            let challenge = try await Self.send(service, connection.id, tenant: Self.t1, try Self.body("events-url_verification.json"))
            #expect(challenge == .challenge("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"))

            #expect(try await Self.send(service, connection.id, tenant: Self.t1, try Self.body("events-team_join.json")) == .applied)
            let joined = try await Self.members(fixture)
            #expect(joined.map(\.userName) == ["spengler@ghostbusters.example.com"])
            #expect(joined.first?.source == .slack && joined.first?.idpActive == true)

            #expect(try await Self.send(service, connection.id, tenant: Self.t1, try Self.body("events-user_change.json")) == .applied)
            #expect(try await Self.members(fixture).first?.categoryValues[CategoryKey("title")] == ["Parapsychologist"])
            // The same event again (Slack retries): nothing more changes.
            let before = try await fixture.persistence.read { db in try db.outbox.page(tenant: Self.t1, after: 0, limit: 1_000).count }
            _ = try await Self.send(service, connection.id, tenant: Self.t1, try Self.body("events-user_change.json"))
            #expect(try await fixture.persistence.read { db in try db.outbox.page(tenant: Self.t1, after: 0, limit: 1_000).count } == before)

            #expect(try await Self.send(service, connection.id, tenant: Self.t1, try Self.body("events-user_change-deleted.json")) == .applied)
            #expect(try await Self.members(fixture).first?.idpActive == false, "deleted in Slack, kept by no other source")
        }
    }

    @Test("forged, stale, unsigned, another tenant's or another workspace's events are refused and change nothing")
    func refused() async throws {
        try await ServiceFixture.with { fixture in
            let service = try ConnectionServiceTests.service(fixture)
            let mine = try await service.create(Self.slack(workspace: "T012AB3C4"), tenant: Self.t1, at: Self.now)
            let theirs = try await service.create(Self.slack(signingSecret: "another-app-signing-secret-0000", workspace: nil),
                                                  tenant: Self.t2, at: Self.now)
            let otherWorkspace = try await service.create(Self.slack(workspace: "T999OTHER"), tenant: Self.t1, at: Self.now)
            let unsigned = try await service.create(Self.slack(signingSecret: nil), tenant: Self.t1, at: Self.now)
            let join = try Self.body("events-team_join.json")
            var tampered = join
            tampered[tampered.count - 3] ^= 0x01
            let cases: [(String, ConnectionID, TenantID, [UInt8], (timestamp: String, signature: String)?, ConnectionService.SlackEventRefusal)] = [
                ("forged signature", mine.id, Self.t1, join, Self.signature(join, secret: "not-the-secret"), .rejected("badSignature")),
                ("body altered after signing", mine.id, Self.t1, tampered, Self.signature(join), .rejected("badSignature")),
                ("stale: six minutes old", mine.id, Self.t1, join, Self.signature(join, at: Self.now.addingTimeInterval(-360)), .rejected("stale")),
                ("replayed from the future", mine.id, Self.t1, join, Self.signature(join, at: Self.now.addingTimeInterval(360)), .rejected("stale")),
                ("no signature", mine.id, Self.t1, join, ("", ""), .rejected("malformedTimestamp")),
                ("signed for tenant 1, sent to tenant 2's connection", theirs.id, Self.t2, join, nil, .rejected("badSignature")),
                ("tenant 1's connection asked through tenant 2", mine.id, Self.t2, join, nil, .unknownConnection),
                ("an event of another workspace", otherWorkspace.id, Self.t1, join, nil, .rejected("another workspace")),
                ("a connection without a signing secret", unsigned.id, Self.t1, join, nil, .unknownConnection),
            ]
            for (name, id, tenant, body, signed, expected) in cases {
                await #expect(throws: expected, "\(name)") {
                    _ = try await Self.send(service, id, tenant: tenant, body, signed: signed)
                }
            }
            let left = (try await Self.members(fixture).count, try await Self.members(fixture, Self.t2).count)
            #expect(left == (0, 0), "nothing changed")
        }
    }

    @Test("over HTTP: the challenge answered, a signed team_join applied, a bad signature 401 with no detail of why")
    func endToEnd() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let created = try await admin.post("/api/v1/connections", [
                "kind": "slack", "name": "Slack", "secret": "xoxb-bot-token", "signingSecret": .string(Self.signingSecret),
            ])
            #expect(created.status == 201, "\(String(describing: created.json))")
            #expect(created[attribute: "signingSecretHint"] == "…85a5" && !created.text.contains(Self.signingSecret))
            let path = try #require(created[attribute: "eventsPath"]?.stringValue)
            let events = try SCIMTestClient(port: live.port, token: nil)
            func post(_ name: String, signed: Bool = true) async throws -> SCIMTestClient.Response {
                let body = try Self.body(name)
                let headers = Self.signature(body, secret: signed ? Self.signingSecret : "forged", at: Date())
                return try await events.send("POST", path, rawBody: String(decoding: body, as: UTF8.self), headers: [
                    ("Content-Type", "application/json"), ("X-Slack-Request-Timestamp", headers.timestamp),
                    ("X-Slack-Signature", headers.signature),
                ])
            }
            let challenge = try await post("events-url_verification.json")
            #expect(challenge.status == 200 && challenge[attribute: "challenge"] == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
            let forged = try await post("events-team_join.json", signed: false)
            #expect(forged.status == 401 && !forged.text.contains("badSignature"))
            #expect(try await post("events-team_join.json").status == 200)
            let members = try await admin.get("/api/v1/members")
            #expect(members[attribute: "items"]?.arrayValue?.compactMap { $0[attribute: "userName"]?.stringValue }
                    == ["spengler@ghostbusters.example.com"])
        }
    }
}

import Coffee
import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import Percolator
import Store
import Testing

/// Connections (issue 14) through the service every door uses, against a Slack that
/// answers from the vendor's documented bodies (`fixtures/connectors/slack`).
@Suite("ConnectionService — sealed credentials, runs that change all or nothing, one run at a time")
struct ConnectionServiceTests {
    static let t1 = ServiceFixture.t1
    static let t2 = ServiceFixture.t2
    static let now = ServiceFixture.now
    static let route = "GET /api/users.list"
    static let token = "xoxb-1234-secret-token-WXYZ"

    static func pages() throws -> [VendorStub.Reply] {
        try [.fixture("slack/users.list-page1.json"), .fixture("slack/users.list-page2.json"), .fixture("slack/users.list-page3.json")]
    }

    static func service(_ fixture: ServiceFixture, key: EncryptionKey? = nil) throws -> ConnectionService {
        ConnectionService(persistence: fixture.persistence, cipher: CredentialCipher(key: try key ?? EncryptionKey.generate()))
    }

    static func slack(_ stub: VendorStub, intervalHours: Int? = nil) -> ConnectionService.Input {
        var settings = ConnectionSettings()
        settings.baseURL = stub.url("/api").absoluteString
        settings.fields = [["title", "title"]]
        settings.intervalHours = intervalHours
        return ConnectionService.Input(kind: .slack, name: "Our Slack", settings: settings, secret: token)
    }

    @Test("a run creates the listed people with their links and events; a second run changes nothing")
    func runTwice() async throws {
        try await ServiceFixture.with { fixture in
            try await VendorStub.with([Self.route: try Self.pages() + Self.pages()]) { stub in
                let connections = try Self.service(fixture)
                let connection = try await connections.create(Self.slack(stub), tenant: Self.t1, at: Self.now)
                let first = try await connections.run(connection.id, tenant: Self.t1, at: Self.now)
                #expect(first.outcome == .succeeded && first.error == nil)
                let created = try await fixture.persistence.read { db in
                    (try db.members.liveMembers(tenant: Self.t1), try db.connections.links(tenant: Self.t1),
                     try db.outbox.page(tenant: Self.t1, after: 0, limit: 1_000).count)
                }
                #expect(created.0.count == 3, "the two guests and the deleted user are not created: \(created.0.map(\.userName))")
                #expect(created.0.allSatisfy { created.1[$0.id]?.first?.sourceID.hasPrefix("W0") == true })
                #expect(created.2 > 0, "events in the outbox")
                #expect(first.summary.contains("\"created\":3"))

                let second = try await connections.run(connection.id, tenant: Self.t1, at: Self.now.addingTimeInterval(60))
                #expect(second.outcome == .succeeded)
                #expect(second.summary.contains("\"created\":0") && second.summary.contains("\"updated\":0"))
                let after = try await fixture.persistence.read { db in
                    (try db.members.liveMembers(tenant: Self.t1).count, try db.outbox.page(tenant: Self.t1, after: 0, limit: 1_000).count)
                }
                #expect(after == (3, created.2), "idempotent: nothing changed the second time")
                let runs = try await connections.runs(connection.id, tenant: Self.t1)
                #expect(runs.map(\.id) == [second.id, first.id])
            }
        }
    }

    @Test("a listing that fails on page 2 records a failed run and changes nothing")
    func failedRun() async throws {
        try await ServiceFixture.with { fixture in
            let replies = try [VendorStub.Reply.fixture("slack/users.list-page1.json"), .fixture("slack/users.list-malformed.json")]
            try await VendorStub.with([Self.route: replies]) { stub in
                let connections = try Self.service(fixture)
                let connection = try await connections.create(Self.slack(stub, intervalHours: 24), tenant: Self.t1, at: Self.now)
                let run = try await connections.run(connection.id, tenant: Self.t1, at: Self.now)
                #expect(run.outcome == .failed && !(run.error ?? "").isEmpty)
                let state = try await fixture.persistence.read { db in
                    (try db.members.liveMembers(tenant: Self.t1).count, try db.outbox.page(tenant: Self.t1, after: 0, limit: 10).count,
                     try db.connections.connection(id: connection.id, tenant: Self.t1)?.nextRunAt)
                }
                #expect(state.0 == 0 && state.1 == 0, "nothing created, nothing announced")
                #expect(state.2 == Self.now.addingTimeInterval(24 * 3_600), "the next run is scheduled all the same")
            }
        }
    }

    @Test("the credential is sealed at rest, bound to its connection, and shown only by its last four characters")
    func sealedCredential() async throws {
        try await ServiceFixture.with { fixture in
            try await VendorStub.with([:]) { stub in
                let key = try EncryptionKey.generate()
                let connections = try Self.service(fixture, key: key)
                let connection = try await connections.create(Self.slack(stub), tenant: Self.t1, at: Self.now)
                let stored = try #require(try await fixture.persistence.read { db in
                    try db.connections.connection(id: connection.id, tenant: Self.t1)
                })
                #expect(!stored.sealedCredentials.contains(Self.token) && !stored.sealedCredentials.contains("secret-token"))
                #expect(stored.credentialHint == "WXYZ")
                // Another server's key opens nothing, and neither does a credential moved to another connection.
                await #expect(throws: ServiceError.self) { _ = try Self.service(fixture).directory(of: stored) }
                var moved = stored
                moved.id = ConnectionID("other")
                await #expect(throws: ServiceError.self) { _ = try connections.directory(of: moved) }
                // Another tenant does not see it.
                await #expect(throws: ServiceError.self) { _ = try await connections.connection(connection.id, tenant: Self.t2) }
            }
        }
    }

    @Test("one run per connection at a time: a second claimant is refused while the first holds it")
    func oneRunAtATime() async throws {
        try await ServiceFixture.with { fixture in
            try await VendorStub.with([Self.route: try Self.pages()]) { stub in
                let connections = try Self.service(fixture)
                let connection = try await connections.create(Self.slack(stub), tenant: Self.t1, at: Self.now)
                let held = try await fixture.persistence.write { db in
                    try db.connections.claimRun(of: connection.id, tenant: Self.t1, by: "other-instance", at: Self.now,
                                                leaseUntil: Self.now.addingTimeInterval(600))
                }
                #expect(held)
                await #expect(throws: ServiceError.self) { try await connections.run(connection.id, tenant: Self.t1, at: Self.now) }
                #expect(stub.requests.isEmpty, "the source is not read while another instance runs it")
                // Once that lease has expired (the other instance died), the run goes ahead.
                let run = try await connections.run(connection.id, tenant: Self.t1, at: Self.now.addingTimeInterval(601))
                #expect(run.outcome == .succeeded)
            }
        }
    }
}

extension ConnectionServiceTests {
    /// (URL, allowed with loopback on, allowed with loopback off: a server's default).
    static let endpoints: [(String, Bool, Bool)] = [
        ("https://slack.com/api", true, true), ("https://93.184.216.34/api", true, true), ("https://[2606:4700::1111]/", true, true),
        ("http://127.0.0.1:8123/api", true, false), ("http://localhost:9/api", true, false), ("https://127.0.0.1/api", true, false),
        ("http://[::1]:9/", true, false), ("http://api.localhost:9/", true, false),
        // Numeric forms resolvers read as 127.0.0.1 or 10.0.0.1: never names.
        ("https://2130706433/", false, false), ("https://127.1/", false, false), ("https://0x7f.0.0.1/", false, false),
        ("https://10.1/", false, false),
        ("http://slack.com/api", false, false), ("https://10.0.0.5/api", false, false), ("https://192.168.1.1", false, false),
        ("https://172.20.0.1", false, false), ("https://169.254.169.254/latest", false, false), ("https://100.64.0.1", false, false),
        ("https://0.0.0.0/", false, false), ("https://224.0.0.1/", false, false), ("https://[fd00::1]/", false, false),
        ("https://[fe80::1]/", false, false), ("https://[::ffff:10.0.0.1]/", false, false), ("https://[::ffff:169.254.169.254]/", false, false),
        ("ftp://slack.com", false, false), ("https://user@slack.com", false, false), ("not a url", false, false),
    ]

    @Test("a connection's URLs: https to public hosts; loopback only when the server allows it; the internal network never",
          arguments: endpoints)
    func endpoints(_ url: String, _ withLoopback: Bool, _ withoutLoopback: Bool) {
        #expect(ConnectorEndpointPolicy(allowsLoopback: true).permits(url: url) == withLoopback, "\(url), loopback allowed")
        #expect(ConnectorEndpointPolicy(allowsLoopback: false).permits(url: url) == withoutLoopback, "\(url), loopback refused")
    }

    @Test("a connector request to a host that resolves to loopback is refused before it is sent, when loopback is not allowed")
    func requestRefused() async throws {
        var configuration = ConnectorClientConfiguration()
        configuration.endpoints.allowsLoopback = false
        let client = ConnectorHTTPClient(configuration: configuration) { _ in Issue.record("a refused request is not retried") }
        for url in ["http://localhost:9/api/users.list", "http://127.0.0.1:9/"] {
            await #expect(throws: ConnectorFailure.invalidConfiguration(ConnectorHTTPClient.refusedAddress)) {
                _ = try await client.send(URLRequest(url: try #require(URL(string: url))))
            }
        }
    }

    @Test("before each request every address the host resolves to is checked: localhost is loopback, an unknown name nothing")
    func resolvedHosts() {
        func permits(_ host: String, loopback: Bool) -> Bool {
            let addresses = ConnectorEndpointPolicy.resolve(host)
            return !addresses.isEmpty && ConnectorEndpointPolicy(allowsLoopback: loopback).permits(addresses)
        }
        #expect(permits("localhost", loopback: true))
        #expect(!permits("localhost", loopback: false), "a name that resolves to 127.0.0.1")
        #expect(!permits("127.0.0.1", loopback: false))
        #expect(!permits("10.0.0.5", loopback: true))
        #expect(!permits("[fd00::1]", loopback: true))
        #expect(permits("93.184.216.34", loopback: false))
        #expect(ConnectorEndpointPolicy.resolve("no-such-host.invalid").isEmpty, "RFC 6761: never resolves")
    }
}

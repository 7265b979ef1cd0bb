import Foundation
import SCIM
import Testing
import TestSupport
import Store
@testable import Percolator

/// The outbox's welcome email reaches a real SMTP server (aiosmtpd) exactly once per
/// member, across a restart between the commit and the delivery.
@Suite("Outbox: welcome emails over SMTP", .serialized, .timeLimit(.minutes(2)))
struct WelcomeEmailDeliveryTests {
    /// Polls `condition` every 50 ms for at most `seconds`.
    static func eventually(_ seconds: Double = 10, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    static func relay(_ port: Int) -> (inout PercolatorConfiguration) -> Void {
        { configuration in
            configuration.outbox.smtpHost = "127.0.0.1"
            configuration.outbox.smtpPort = port
            configuration.outbox.smtpSender = "coffee@percolator.test"
            configuration.outbox.pollInterval = .milliseconds(50)
        }
    }

    @Test("committed without a relay, restarted with one: sent once; restarts and reactivation never send it again")
    func exactlyOnceAcrossRestarts() async throws {
        try await SMTPSink.with { sink in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-outbox-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }

            // 1. The event commits while no relay is configured: it waits, pending.
            let first = try await LiveServer.start(in: directory)
            let (scimToken, adminToken) = (first.scimToken, first.adminToken)
            let id = try await first.client().createUser("zoe@example.com", extra: [("locale", "fr-FR")])
            let pending = try await AdminProbe(first).events().filter { $0[attribute: "kind"] == "WelcomeEmailRequested" }
            #expect(pending.map { $0[attribute: "status"] } == ["pending"])
            await first.stopKeepingData()
            #expect(try sink.messages().isEmpty)

            // 2. Restarted with a relay: delivered once, marked delivered.
            let second = try await LiveServer.start(in: directory, Self.relay(sink.port))
            let admin = try second.client(token: adminToken)
            let delivered = try await Self.eventually {
                let events = try await admin.get("/api/v1/events").json?[attribute: "items"]?.arrayValue ?? []
                return events.contains { $0[attribute: "kind"] == "WelcomeEmailRequested" && $0[attribute: "status"] == "delivered" }
            }
            #expect(delivered)
            var messages = try sink.messages()
            #expect(messages.count == 1)
            #expect(messages.first?.rcptTos == ["zoe@example.com"])
            #expect(messages.first?.subject == "Bienvenue dans les cafés Percolator", "a fr-FR member gets the French email")
            #expect(messages.first?.body.contains("Bonjour Given zoe@example.com") == true)

            // 3. Deactivated and reactivated by the IdP: no second welcome.
            let scim = try second.client(token: scimToken)
            _ = try await scim.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([["op": "replace", "path": "active", "value": false]]))
            _ = try await scim.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([["op": "replace", "path": "active", "value": true]]))
            await second.stopKeepingData()

            // 4. Another restart: nothing is due, nothing is sent again.
            let third = try await LiveServer.start(in: directory, Self.relay(sink.port))
            try await Task.sleep(for: .milliseconds(400))
            messages = try sink.messages()
            #expect(messages.count == 1)
            let welcomes = try await third.client(token: adminToken).get("/api/v1/events?kind=WelcomeEmailRequested")
            #expect(welcomes.json?[attribute: "items"]?.arrayValue?.count == 1)
            await third.stopKeepingData()
        }
    }

    @Test("a relay refusing with 4xx: retried with backoff, the error visible; 5xx: failed, never retried")
    func failures() async throws {
        try await SMTPSink.with(["--rcpt-reply", "permanent"]) { sink in
            try await LiveServer.with(Self.relay(sink.port)) { live in
                _ = try await live.client().createUser("yan@example.com")
                let admin = try AdminProbe(live)
                let failed = try await Self.eventually {
                    try await admin.events().contains { $0[attribute: "status"] == "failed" }
                }
                #expect(failed)
                let entry = try #require(try await admin.events().first { $0[attribute: "kind"] == "WelcomeEmailRequested" })
                #expect(entry[attribute: "attempts"] == 1)
                #expect(entry[attribute: "lastError"]?.stringValue?.contains("550") == true)
            }
        }
        try await SMTPSink.with(["--rcpt-reply", "transient"]) { sink in
            try await LiveServer.with(Self.relay(sink.port)) { live in
                _ = try await live.client().createUser("xia@example.com")
                let admin = try AdminProbe(live)
                let retried = try await Self.eventually {
                    try await admin.events().contains { $0[attribute: "attempts"] == 1 && $0[attribute: "status"] == "pending" }
                }
                #expect(retried)
                let entry = try #require(try await admin.events().first { $0[attribute: "kind"] == "WelcomeEmailRequested" })
                #expect(entry[attribute: "nextAttemptAt"] != nil)
                #expect(entry[attribute: "lastError"]?.stringValue?.contains("451") == true)
            }
        }
    }

    @Test("an invitation email carries the acceptance link; once sent, the token is erased from the outbox and the link works once")
    func invitationEmail() async throws {
        try await SMTPSink.with { sink in
            try await LiveServer.with(Self.relay(sink.port)) { live in
                let admin = try live.client(token: live.adminToken)
                let invited = try await admin.post("/api/v1/invitations", ["email": "ines@example.com", "givenName": "Inès"])
                #expect(invited.status == 201, "\(invited.text)")
                let sent = try await Self.eventually { try sink.messages().count == 1 }
                #expect(sent)
                let message = try #require(try sink.messages().first)
                #expect(message.rcptTos == ["ines@example.com"])
                // Greeted by the given name the admin gave (issue 16, defect 6), not "Hello,".
                #expect(message.body.hasPrefix("Hello Inès,"), "\(message.body)")
                // (The body ends with the one-click unsubscribe link, which carries a token of its own.)
                let token = try #require(message.body.components(separatedBy: "/invitations/accept?token=").dropFirst().first
                    .map { String($0.prefix { !$0.isWhitespace }) })
                #expect(token == invited[attribute: "token"]?.stringValue)
                // RFC 8058 one-click unsubscribe, issued by the deliverer for the one member it goes to (issue 12).
                #expect(message.raw.contains("List-Unsubscribe: <http") && message.raw.contains("/unsubscribe?token=")
                        && message.raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "\(message.raw)")
                let delivered = try await Self.eventually {
                    let delivered = try await live.store.database.read { db in
                        try db.query("SELECT delivered_at FROM outbox WHERE kind = 'InvitationEmailRequested'") {
                            $0.optionalString(0)
                        }
                    }
                    return delivered.first.flatMap { $0 } != nil
                }
                #expect(delivered)
                let payloads = try await live.store.database.read { db in
                    try db.query("SELECT payload FROM outbox WHERE kind = 'InvitationEmailRequested'") { $0.string(0) }
                }
                #expect(payloads.count == 1 && !(payloads.first?.contains(token) ?? true), "the token stayed in the outbox")
                let browser = try SCIMTestClient(port: live.port, token: nil)
                let accepted = try await browser.post("/api/v1/invitations/accept", ["token": .string(token), "familyName": "Roy"])
                #expect(accepted.status == 200, "\(accepted.text)")
                #expect(try await browser.post("/api/v1/invitations/accept", ["token": .string(token)]).status == 410)
            }
        }
    }

    @Test("backoff doubles from the base and stops at an hour")
    func backoff() throws {
        var settings = OutboxSettings()
        settings.retryBase = .seconds(30)
        let store = try SQLiteStoreForBackoff.database()
        let deliverer = OutboxDeliverer(persistence: store, settings: settings, send: { _ throws(SMTPError) in SMTPDelivery(accepted: []) })
        #expect([1, 2, 3, 8, 20].map(deliverer.backoff(after:)) == [30, 60, 120, 3_600, 3_600])
    }
}

/// An in-memory database for tests that need one but never touch it.
enum SQLiteStoreForBackoff {
    static func database() throws -> SQLitePersistence {
        let database = try SQLiteDatabase(path: ":memory:")
        return SQLitePersistence(database: database, batcher: WriteBatcher(database: database))
    }
}

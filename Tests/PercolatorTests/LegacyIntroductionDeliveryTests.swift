import Foundation
@testable import Store
import Testing
@testable import Percolator

/// Introductions stored before they were typed — comma-joined names and addresses in
/// `details` — are still delivered after an upgrade.
@Suite("Outbox: introductions stored in the old format", .serialized, .timeLimit(.minutes(1)))
struct LegacyIntroductionDeliveryTests {
    @Test("an old-format pending introduction reaches every address it listed, its names in the subject")
    func delivered() async throws {
        try await SMTPSink.with { sink in
            try await OutboxFixture.withDatabasePath { path in
                let database = try await OutboxFixture.open(path)
                let payload = #"{"details":{"emails":"ada@example.org,bo@example.org","group":"0","members":"m1,m2,m3","names":"Ada L, Bo K, Cy N","session":"s1"},"sequence":2}"#
                let now = Store.Timestamp.string(from: Date())
                try await database.database.write { db in
                    try db.execute("""
                        INSERT INTO outbox (tenant_id, idempotency_key, kind, subject, channel, payload, occurred_at, next_attempt_at)
                        VALUES ('t1', 'MatchIntroRequested/t1/s1/0', 'MatchIntroRequested', 's1', 'email', ?, ?, ?)
                        """, payload, now, now)
                }
                let deliverer = OutboxFixture.deliverer(database, settings: OutboxFixture.settings(port: sink.port))
                #expect(await onOwnThread { deliverer.deliverDue() } == 1)
                let message = try #require(try sink.messages().first)
                #expect(message.rcptTos == ["ada@example.org", "bo@example.org"])
                #expect(message.subject == "Your coffee match: Ada L, Bo K, Cy N")
                #expect(try await OutboxFixture.entries(database).first?.status == .delivered)
            }
        }
    }
}

import Coffee
import Foundation
@testable import Percolator
import Store
import Testing

/// Retrying a failed email (issue 13, item 9) end to end with the real deliverer and SMTP
/// client against real SMTP servers (aiosmtpd): a relay refuses the only recipient for
/// good (550), the deliverer gives up; after ``TenantService/retryEmail(seq:tenant:at:)``
/// the next pass sends it through a relay that accepts it.
@Suite("Outbox: a failed email retried is sent", .serialized, .timeLimit(.minutes(2)))
struct EmailRetryDeliveryTests {
    @Test("550 → failed for good; retried → sent on the next pass, attempts counted on")
    func failedThenRetriedThenSent() async throws {
        try await OutboxFixture.withDatabasePath { path in
            let database = try await OutboxFixture.open(path)
            try await database.write { db in _ = try db.outbox.append([try OutboxFixture.welcome(1)]) }
            let tenant = DomainTenantID("t1")
            try await SMTPSink.with(["--refuse-rcpt", "user1@example.com"]) { refusing in
                let deliverer = OutboxFixture.deliverer(database, settings: OutboxFixture.settings(port: refusing.port))
                _ = await onOwnThread { deliverer.deliverDue() }
                let messages = try refusing.messages()
                #expect(messages.isEmpty)
            }
            let failed = try #require(try await OutboxFixture.entries(database).first)
            #expect(failed.status == .failed, "\(failed.lastError ?? "")")
            #expect(failed.lastError?.contains("550") == true, "\(failed.lastError ?? "")")

            let retried = try await TenantService(persistence: database).retryEmail(seq: failed.seq, tenant: tenant, at: Date())
            #expect(retried.status == .pending && retried.lastError == failed.lastError)

            try await SMTPSink.with { accepting in
                let deliverer = OutboxFixture.deliverer(database, settings: OutboxFixture.settings(port: accepting.port))
                _ = await onOwnThread { deliverer.deliverDue() }
                let messages = try accepting.messages()
                #expect(messages.map(\.rcptTos) == [["user1@example.com"]])
            }
            let sent = try #require(try await OutboxFixture.entries(database).first)
            #expect(sent.status == .delivered && sent.attempts == failed.attempts + 1, "\(sent)")
        }
    }
}

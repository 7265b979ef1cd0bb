import Coffee
import Foundation
import Testing
@testable import Store

/// Retrying a failed email (issue 13, item 9) through the port: a failed-for-good email
/// entry of the tenant is due again (its attempts and last error kept) and claimed by the
/// next deliverer; a sent, waiting or non-email entry, another tenant's or an unknown one
/// gives nil and changes nothing. The same assertions on both backends.
@Suite("Persistence contract — retrying a failed email on SQLite and PostgreSQL")
struct PersistenceContractEmailRetryTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("retryFailedEmail: failed → due again and claimable; sent, waiting, record, other tenant, unknown → nil, unchanged",
          arguments: StorageBackend.allCases)
    func retry(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            let record = DomainEvent.memberProvisioned(MemberProvisioned(
                header: EventHeader(tenantID: tenant, subject: "m9", sequence: 1, occurredAt: Self.start),
                source: .manual, idpActive: true, localStatus: .active))
            let now = Self.start.addingTimeInterval(10)
            // Three emails: one sent, one failed for good, one waiting; and a record.
            let seqs = try await backend.persistence.write { tx in
                _ = try tx.outbox.append(try PersistenceContractSessionTests.welcomes(3, tenant: tenant) + [record])
                let claimed = try tx.outbox.claimDue(by: "a", at: now, leaseUntil: now.addingTimeInterval(60), limit: 2).map(\.seq)
                try tx.outbox.markDelivered(seq: claimed[0], at: now)
                try tx.outbox.markFailed(seq: claimed[1], error: "550 mailbox unavailable", retryAt: nil, at: now)
                return try tx.outbox.page(tenant: tenant, after: 0, limit: 10).map(\.seq)
            }
            #expect(seqs.count == 4)
            let before = try await backend.persistence.read { tx in try tx.outbox.page(tenant: tenant, after: 0, limit: 10) }
            #expect(before.map(\.status) == [.delivered, .failed, .pending, .recorded])
            let later = now.addingTimeInterval(3_600)
            let refused = try await backend.persistence.write { tx in
                [try tx.outbox.retryFailedEmail(seq: seqs[1], tenant: other, at: later),
                 try tx.outbox.retryFailedEmail(seq: seqs[0], tenant: tenant, at: later),
                 try tx.outbox.retryFailedEmail(seq: seqs[2], tenant: tenant, at: later),
                 try tx.outbox.retryFailedEmail(seq: seqs[3], tenant: tenant, at: later),
                 try tx.outbox.retryFailedEmail(seq: seqs[3] + 100, tenant: tenant, at: later)]
            }
            #expect(refused.allSatisfy { $0 == nil }, "another tenant's, sent, waiting, record, unknown: nothing")
            let unchanged = try await backend.persistence.read { tx in try tx.outbox.page(tenant: tenant, after: 0, limit: 10) }
            #expect(unchanged == before, "a refused retry changes nothing")

            let retried = try #require(try await backend.persistence.write { tx in
                try tx.outbox.retryFailedEmail(seq: seqs[1], tenant: tenant, at: later)
            })
            #expect(retried.seq == seqs[1] && retried.status == .pending && retried.failedAt == nil)
            #expect(retried.nextAttemptAt == later && retried.leaseUntil == nil)
            #expect(retried.attempts == 1 && retried.lastError == "550 mailbox unavailable", "its history is kept")
            let after = try await backend.persistence.write { tx in
                (try tx.outbox.emailCounts(tenant: tenant),
                 try tx.outbox.claimDue(by: "b", at: later, leaseUntil: later.addingTimeInterval(60), limit: 10).map(\.seq),
                 try tx.outbox.retryFailedEmail(seq: seqs[1], tenant: tenant, at: later))
            }
            #expect(after.0.waiting == 2 && after.0.failed == 0)
            #expect(Set(after.1) == [seqs[1], seqs[2]], "the deliverer claims it again")
            #expect(after.2 == nil, "a second retry of one no longer failed is refused")
        }
    }
}

import Coffee
import Foundation
import Testing
@testable import Store

/// Outbox events encoded before the transaction (issue 16: a match stages 50,000
/// introductions, and building each row's key and payload held the writer), the same
/// assertions on both backends: appended behind a gate they are the rows the events
/// themselves give, held until the gate opens, and another tenant's are refused.
@Suite("Persistence contract — outbox events encoded beforehand on SQLite and PostgreSQL")
struct PersistenceContractEncodedEventsTests {
    static let start = PersistenceContractSessionTests.start

    /// Compact introductions of `groups` groups of two of session `session`.
    static func introductions(_ session: String, tenant: TenantID, groups: Int) -> [DomainEvent] {
        let header = EventHeader(tenantID: tenant, subject: session, sequence: 3, occurredAt: start.addingTimeInterval(0.125))
        return (0..<groups).map { number in
            .matchIntroRequested(.compact(header: header, group: number,
                                          members: [MemberID("m\(2 * number)"), MemberID("m\(2 * number + 1)")]))
        }
    }

    /// What an entry holds that its appending decided.
    static func columns(_ entry: OutboxEntry) -> [String] {
        [entry.idempotencyKey, entry.kind, entry.channel, "\(entry.payload)", "\(entry.occurredAt.timeIntervalSince1970)",
         "\(entry.nextAttemptAt.timeIntervalSince1970)"]
    }

    @Test("encoded introductions behind a gate read as the events appended themselves; another tenant's are refused",
          arguments: StorageBackend.allCases)
    func encodedBehindGate(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            let encoded = backend.persistence.encode(Self.introductions("s-encoded", tenant: tenant, groups: 3))
            #expect(encoded.rows.count == 3 && encoded.rows.allSatisfy { $0.tenantID == tenant && $0.subject == "s-encoded" })
            let foreign = backend.persistence.encode(Self.introductions("s-encoded", tenant: other, groups: 1))
            let counts = try await backend.persistence.write { tx in
                try tx.outbox.closeGate("match:s-encoded", tenant: tenant)
                try tx.outbox.closeGate("match:s-plain", tenant: tenant)
                let first = try tx.outbox.append(EncodedEvents(rows: Array(encoded.rows[0..<2])), behind: "match:s-encoded", tenant: tenant)
                let second = try tx.outbox.append(EncodedEvents(rows: Array(encoded.rows[2...])), behind: "match:s-encoded", tenant: tenant)
                let again = try tx.outbox.append(encoded, behind: "match:s-encoded", tenant: tenant)
                let plain = try tx.outbox.append(Self.introductions("s-plain", tenant: tenant, groups: 3), behind: "match:s-plain",
                                                 tenant: tenant)
                #expect(throws: StoreError.self) { try tx.outbox.append(foreign, behind: "match:s-encoded", tenant: tenant) }
                return [first, second, again, plain]
            }
            #expect(counts == [2, 1, 0, 3], "an idempotency key already held is skipped, as for events")
            let later = Self.start.addingTimeInterval(60)
            let held = try await backend.persistence.read { tx in try tx.outbox.page(tenant: tenant, after: 0, limit: 10) }
            #expect(held.isEmpty, "held behind the closed gates")
            let entries = try await backend.persistence.write { tx in
                try tx.outbox.openGate("match:s-encoded", tenant: tenant, at: later)
                try tx.outbox.openGate("match:s-plain", tenant: tenant, at: later)
                return try tx.outbox.page(tenant: tenant, after: 0, limit: 10)
            }
            let fromEncoded = entries.filter { $0.subject == "s-encoded" }, fromEvents = entries.filter { $0.subject == "s-plain" }
            #expect(fromEncoded.count == 3 && fromEvents.count == 3)
            #expect(fromEncoded.map { Self.columns($0).map { $0.replacingOccurrences(of: "s-encoded", with: "s-plain") } }
                    == fromEvents.map(Self.columns), "the same columns as the events appended themselves")
            #expect(fromEncoded.allSatisfy { $0.kind == "MatchIntroRequested" && $0.channel == "email" })
            #expect(fromEncoded.map { $0.payload.introduction?.members.map(\.id) ?? [] } == [["m0", "m1"], ["m2", "m3"], ["m4", "m5"]])
        }
    }

    @Test("encoded events appended uncounted, without a gate, read as the events appended themselves, in order; a key held is skipped",
          arguments: StorageBackend.allCases)
    func encodedUncounted(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let encoded = backend.persistence.encode(Self.introductions("s-encoded", tenant: tenant, groups: 3))
            try await backend.persistence.write { tx in
                try tx.outbox.appendUncounted(encoded)
                try tx.outbox.appendUncounted(Self.introductions("s-plain", tenant: tenant, groups: 3))
                try tx.outbox.appendUncounted(encoded)
                try tx.outbox.appendUncounted(EncodedEvents(rows: []))
            }
            let entries = try await backend.persistence.read { tx in try tx.outbox.page(tenant: tenant, after: 0, limit: 10) }
            #expect(entries.map(\.subject) == Array(repeating: "s-encoded", count: 3) + Array(repeating: "s-plain", count: 3),
                    "appended at once, in order; again: skipped")
            let fromEncoded = entries.filter { $0.subject == "s-encoded" }, fromEvents = entries.filter { $0.subject == "s-plain" }
            #expect(fromEncoded.map { Self.columns($0).map { $0.replacingOccurrences(of: "s-encoded", with: "s-plain") } }
                    == fromEvents.map(Self.columns), "the same columns as the events appended themselves")
            #expect(fromEncoded.map { $0.payload.introduction?.group ?? -1 } == [0, 1, 2])
        }
    }
}

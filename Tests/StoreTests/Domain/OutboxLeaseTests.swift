import Coffee
import Foundation
import Testing
@testable import Store

@Suite("OutboxRecords (0008) — deliverers claim due emails with a lease")
struct OutboxLeaseTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// `count` welcome emails of tenant `t1`, occurred (and due) at `start`.
    static func appendWelcomes(_ count: Int, in db: Connection) throws {
        try db.execute("INSERT INTO tenants VALUES ('t1', 'one', 'now') ON CONFLICT DO NOTHING")
        let events = try (0..<count).map { index in
            DomainEvent.welcomeEmailRequested(WelcomeEmailRequested(
                header: EventHeader(tenantID: DomainTenantID("t1"), subject: "m\(index)", sequence: 1, occurredAt: start),
                email: try EmailAddress("user\(index)@example.com"), givenName: "User \(index)", locale: nil))
        }
        try db.outbox.append(events)
    }

    /// A migrated in-memory database holding `count` due welcome emails.
    static func database(welcomes count: Int) throws -> Connection {
        let db = try Connection(path: ":memory:")
        try StoreSchema.migrator.migrate(db)
        try appendWelcomes(count, in: db)
        return db
    }

    @Test("a claim takes due entries no live lease holds, oldest first, and stamps who and until when")
    func claim() throws {
        let db = try Self.database(welcomes: 5)
        let until = Self.start.addingTimeInterval(60)
        let first = try db.outbox.claimDue(by: "a", at: Self.start, leaseUntil: until, limit: 3)
        #expect(first.map(\.seq) == [1, 2, 3])
        #expect(first.allSatisfy { $0.claimedBy == "a" && $0.leaseUntil == until && $0.status == .pending })
        let second = try db.outbox.claimDue(by: "b", at: Self.start, leaseUntil: until, limit: 10)
        #expect(second.map(\.seq) == [4, 5], "a live lease keeps an entry from everyone else")
        #expect(try db.outbox.claimDue(by: "c", at: Self.start, leaseUntil: until, limit: 10).isEmpty)
        #expect(try db.outbox.due(at: Self.start, limit: 10).isEmpty)
        #expect(try db.outbox.nextDue() == until, "the next entry falls due when its lease expires")
    }

    @Test("an expired lease is claimed again; the deliverer that lost it can no longer renew it")
    func expiredLease() throws {
        let db = try Self.database(welcomes: 2)
        let until = Self.start.addingTimeInterval(60)
        #expect(try db.outbox.claimDue(by: "crashed", at: Self.start, leaseUntil: until, limit: 10).count == 2)
        let before = Self.start.addingTimeInterval(59)
        #expect(try db.outbox.claimDue(by: "b", at: before, leaseUntil: before.addingTimeInterval(60), limit: 10).isEmpty)
        #expect(try db.outbox.renewLease(seq: 1, by: "crashed", at: before, until: until.addingTimeInterval(1)),
                "the holder renews a live lease")
        let after = until.addingTimeInterval(2)
        let reclaimed = try db.outbox.claimDue(by: "b", at: after, leaseUntil: after.addingTimeInterval(60), limit: 10)
        #expect(reclaimed.map(\.seq) == [1, 2])
        #expect(reclaimed.allSatisfy { $0.claimedBy == "b" })
        #expect(try !db.outbox.renewLease(seq: 1, by: "crashed", at: after, until: after.addingTimeInterval(60)))
        #expect(try db.outbox.renewLease(seq: 1, by: "b", at: after, until: after.addingTimeInterval(120)))
    }

    @Test("recording the attempt ends the lease: delivered is never claimed again, a retry is due at its time, a release at once")
    func outcomes() throws {
        let db = try Self.database(welcomes: 3)
        let until = Self.start.addingTimeInterval(60)
        _ = try db.outbox.claimDue(by: "a", at: Self.start, leaseUntil: until, limit: 10)
        try db.outbox.markDelivered(seq: 1, at: Self.start, note: "Sent to 1 of 2 recipients")
        try db.outbox.markFailed(seq: 2, error: "451", retryAt: Self.start.addingTimeInterval(30), at: Self.start)
        try db.outbox.release([3], by: "a")
        let entries = try db.outbox.page(tenant: TenantID(rawValue: "t1"), after: 0, limit: 10)
        #expect(entries.map(\.leaseUntil) == [nil, nil, nil])
        #expect(entries.map(\.claimedBy) == ["a", "a", "a"], "who sent it stays")
        #expect(entries[0].status == .delivered && entries[0].lastError == "Sent to 1 of 2 recipients")
        let now = try db.outbox.claimDue(by: "b", at: Self.start, leaseUntil: until, limit: 10)
        #expect(now.map(\.seq) == [3], "a released entry is due at once")
        let later = Self.start.addingTimeInterval(30)
        #expect(try db.outbox.claimDue(by: "b", at: later, leaseUntil: until, limit: 10).map(\.seq) == [2])
    }

    @Test("two database stacks on one file (two processes) claiming at once never share an entry")
    func concurrentClaims() async throws {
        try await withTemporaryPath { path in
            let one = try SQLiteDatabase(path: path)
            try await one.migrate(StoreSchema.migrator)
            try await one.write { try Self.appendWelcomes(200, in: $0) }
            let two = try SQLiteDatabase(path: path)
            let until = Self.start.addingTimeInterval(60)
            func drain(_ database: SQLiteDatabase, as name: String) async throws -> [Int64] {
                var claimed: [Int64] = []
                while true {
                    let batch = try await database.write { db in
                        try db.outbox.claimDue(by: name, at: Self.start, leaseUntil: until, limit: 3)
                    }
                    if batch.isEmpty { return claimed }
                    claimed += batch.map(\.seq)
                }
            }
            async let first = drain(one, as: "one")
            async let second = drain(two, as: "two")
            let (a, b) = try await (first, second)
            #expect(Set(a).isDisjoint(with: b))
            #expect((a + b).sorted() == Array(1...200))
        }
    }
}

@Suite("OutboxPayload — typed introductions, and rows written before them")
struct OutboxIntroductionPayloadTests {
    @Test("a MatchIntroRequested is stored as a typed introduction: ids, names and addresses side by side")
    func typed() throws {
        let header = EventHeader(tenantID: DomainTenantID("t1"), subject: "s1", sequence: 4, occurredAt: Date())
        let event = DomainEvent.matchIntroRequested(MatchIntroRequested(header: header, group: 2, participants: [
            .init(memberID: MemberID("m1"), givenName: "Ada, Countess", familyName: "Lovelace", email: try EmailAddress("ada@example.com")),
            .init(memberID: MemberID("m2"), givenName: "Zoë", familyName: "", email: nil),
        ]))
        #expect(event.idempotencyKey.rawValue == "MatchIntroRequested/t1/s1/2", "the key rows written before kept")
        let payload = OutboxPayload(event)
        let text = try JSONText.encode(payload)
        let decoded: OutboxPayload = try JSONText.decode(text)
        #expect(decoded == payload)
        let introduction = try #require(decoded.introduction)
        #expect(introduction.members.map(\.id) == ["m1", "m2"])
        #expect(introduction.members.map(\.givenName) == ["Ada, Countess", "Zoë"], "a comma in a name stays in the name")
        #expect(introduction.members.map(\.email) == ["ada@example.com", nil])
        #expect(decoded.publicDetails == ["session": "s1", "group": "2", "members": "m1,m2", "emails": "ada@example.com",
                                          "names": "Ada, Countess Lovelace, Zoë"])
    }

    @Test("rows written before typed introductions decode into one", arguments: [
        // Every member had an address: paired by position.
        (#"{"details":{"emails":"a@x.org,b@x.org","group":"1","members":"m1,m2","names":"Ada L, Bo K","session":"s1"},"sequence":3}"#,
         ["m1", "m2"], ["Ada L", "Bo K"], ["a@x.org", "b@x.org"]),
        // One had none: addresses cannot be paired, none is lost.
        (#"{"details":{"emails":"b@x.org","group":"0","members":"m1,m2","names":"Ada L, Bo K","session":"s1"},"sequence":3}"#,
         ["m1", "m2", ""], ["Ada L", "Bo K", ""], [nil, nil, "b@x.org"]),
    ])
    func legacy(text: String, ids: [String], names: [String], emails: [String?]) throws {
        let payload: OutboxPayload = try JSONText.decode(text)
        let introduction = try #require(payload.introduction)
        #expect(payload.details == nil)
        #expect(introduction.session == "s1")
        #expect(introduction.members.map(\.id) == ids)
        #expect(introduction.members.map(\.fullName) == names)
        #expect(introduction.members.map(\.email) == emails)
        #expect(payload.publicDetails?["emails"] == emails.compactMap { $0 }.joined(separator: ","))
        #expect(payload.publicDetails?["names"] == "Ada L, Bo K")
    }

    @Test("an invitation's token is read typed, and never shown")
    func token() throws {
        let payload: OutboxPayload = try JSONText.decode(#"{"details":{"token":"secret"},"email":"a@x.org","sequence":1}"#)
        #expect(payload.invitationToken == "secret")
        #expect(payload.publicDetails == [:])
        #expect(payload.introduction == nil)
    }
}

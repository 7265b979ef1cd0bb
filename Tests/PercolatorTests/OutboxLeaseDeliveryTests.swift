import Coffee
import Foundation
import Store
import Synchronization
import Testing
@testable import Percolator

/// Two deliverers on one database — two database stacks on one file, as two server
/// instances have — against a real SMTP server (aiosmtpd): each email is sent once.
@Suite("Outbox: deliverers claim emails with a lease", .serialized, .timeLimit(.minutes(2)))
struct OutboxLeaseDeliveryTests {
    @Test("two deliverers on one database send each of 60 emails exactly once")
    func twoDeliverers() async throws {
        try await SMTPSink.with { sink in
            try await OutboxFixture.withDatabasePath { path in
                let one = try await OutboxFixture.open(path)
                let count = 60
                let events = try (0..<count).map { try OutboxFixture.welcome($0) }
                try await one.write { db in try db.outbox.append(events) }
                let two = try await OutboxFixture.open(path)
                var settings = OutboxFixture.settings(port: sink.port)
                settings.batchSize = 4
                let deliverers = [one, two].map { OutboxFixture.deliverer($0, settings: settings) }
                for deliverer in deliverers { deliverer.start() }
                let done = try await WelcomeEmailDeliveryTests.eventually(60) {
                    try await OutboxFixture.entries(one).allSatisfy { $0.status == .delivered }
                }
                await onOwnThread { for deliverer in deliverers { deliverer.stop() } }
                #expect(done)

                let messages = try sink.messages()
                let recipients = messages.flatMap(\.rcptTos)
                #expect(messages.count == count, "each email exactly once")
                #expect(recipients.sorted() == (0..<count).map { "user\($0)@example.com" }.sorted())
                #expect(Set(messages.map(\.messageId)).count == count)
                let entries = try await OutboxFixture.entries(two)
                #expect(entries.allSatisfy { $0.attempts == 1 && $0.leaseUntil == nil })
                #expect(Set(entries.compactMap(\.claimedBy)).isSubset(of: Set(deliverers.map(\.identity))))
            }
        }
    }

    @Test("two deliverers on one database expand 20 groups' scheduled \"Did you meet?\" rows: each of the 40 members is asked exactly once, with one link")
    func twoDeliverersExpandScheduledFeedback() async throws {
        try await SMTPSink.with { sink in
            try await OutboxFixture.withDatabasePath { path in
                let one = try await OutboxFixture.open(path)
                let tenant = DomainTenantID("t1"), now = Date()
                let members = try (0..<40).map { index in
                    Member(id: MemberID("m\(index)"), tenantID: tenant, userName: "user\(index)@example.com", givenName: "User",
                           familyName: "\(index)", emails: [try EmailAddress("user\(index)@example.com")], source: .manual,
                           createdAt: now)
                }
                // Due a day ago, as the match stages them (issue 16): one row per group of two.
                let scheduled = (0..<20).map { group in
                    DomainEvent.meetingFeedbackScheduled(MeetingFeedbackScheduled(
                        header: EventHeader(tenantID: tenant, subject: "s1", sequence: 2, occurredAt: now.addingTimeInterval(-3 * 86_400)),
                        sessionID: SessionID("s1"), group: group, programName: "Coffee",
                        members: [MemberID("m\(2 * group)"), MemberID("m\(2 * group + 1)")], dueAt: now.addingTimeInterval(-86_400)))
                }
                try await one.write { db in
                    for member in members { try db.members.save(member) }
                    try db.outbox.append(scheduled)
                }
                let two = try await OutboxFixture.open(path)
                var settings = OutboxFixture.settings(port: sink.port)
                settings.batchSize = 3
                let deliverers = [one, two].map { OutboxFixture.deliverer($0, settings: settings) }
                for deliverer in deliverers { deliverer.start() }
                let done = try await WelcomeEmailDeliveryTests.eventually(60) {
                    let entries = try await OutboxFixture.entries(one)
                    return entries.count == 60 && entries.allSatisfy { $0.status == .delivered }
                }
                await onOwnThread { for deliverer in deliverers { deliverer.stop() } }
                #expect(done)

                let messages = try sink.messages()
                #expect(messages.count == 40, "each member asked exactly once")
                #expect(messages.flatMap(\.rcptTos).sorted() == (0..<40).map { "user\($0)@example.com" }.sorted())
                let entries = try await OutboxFixture.entries(two)
                let questions = entries.filter { $0.kind == EventKind.meetingFeedbackRequested.rawValue }
                #expect(questions.count == 40 && Set(questions.map(\.subject)).count == 40)
                #expect(entries.filter { $0.kind == EventKind.meetingFeedbackScheduled.rawValue }.allSatisfy { $0.attempts == 1 })
                // Each email's link answers for its recipient about its own group.
                for message in messages {
                    let token = try #require(message.body.range(of: "token=").map { message.body[$0.upperBound...].prefix { $0 != "&" } })
                    let link = try await one.read { db in try db.portal.link(token: String(token), purpose: .feedback, at: Date()) }
                    let member = try #require(link.flatMap { Int($0.memberID.rawValue.dropFirst()) })
                    #expect(message.rcptTos == ["user\(member)@example.com"] && link?.group?.number == member / 2)
                }
            }
        }
    }

    @Test("a deliverer that died holding a lease: its emails wait for the lease to expire, then another sends them once")
    func expiredLeaseIsReclaimed() async throws {
        try await SMTPSink.with { sink in
            try await OutboxFixture.withDatabasePath { path in
                let database = try await OutboxFixture.open(path)
                let start = Date()
                let events = try (0..<3).map { try OutboxFixture.welcome($0, at: start) }
                var settings = OutboxFixture.settings(port: sink.port)
                settings.lease = .seconds(60)
                // The crashed instance claimed them and never recorded an attempt.
                let claimed = try await database.write { db in
                    try db.outbox.append(events)
                    return try db.outbox.claimDue(by: "crashed", at: start, leaseUntil: start.addingTimeInterval(60), limit: 10)
                }
                #expect(claimed.count == 3)

                let clock = TestDateClock(start.addingTimeInterval(30))
                let survivor = OutboxFixture.deliverer(database, settings: settings, clock: clock)
                #expect(await onOwnThread { survivor.deliverDue() } == 0, "a live lease is respected")
                #expect(try sink.messages().isEmpty)

                clock.advance(by: 31)
                #expect(await onOwnThread { survivor.deliverDue() } == 3)
                #expect(try sink.messages().map(\.rcptTos) == [["user0@example.com"], ["user1@example.com"], ["user2@example.com"]])
                #expect(try await OutboxFixture.entries(database).allSatisfy { $0.status == .delivered && $0.claimedBy == survivor.identity })
                #expect(await onOwnThread { survivor.deliverDue() } == 0)
                #expect(try sink.messages().count == 3)
            }
        }
    }

    @Test("a lease shorter than one SMTP conversation is extended before the send; a lease lost meanwhile is never sent on")
    func renewal() async throws {
        try await Self.withOneWelcome { sink, database, start, settings in
            let client = SMTPClient(relay: settings.relay!)
            let leaseWhileSending = Mutex<Date?>(nil)
            let deliverer = OutboxDeliverer(persistence: database, settings: settings, send: { message throws(SMTPError) in
                let entry = try? database.readBlocking { db in
                    try db.outbox.page(tenant: Store.TenantID(rawValue: "t1"), after: 0, limit: 1).first
                }
                leaseWhileSending.withLock { $0 = entry?.leaseUntil }
                return try client.send(message)
            }, now: { start })
            #expect(await onOwnThread { deliverer.deliverDue() } == 1)
            #expect(try sink.messages().count == 1)
            let lease = try #require(leaseWhileSending.withLock { $0 })
            #expect(lease >= start.addingTimeInterval(239.9), "extended to twice the longest conversation (stored to the millisecond)")
            #expect(try await OutboxFixture.entries(database).first?.status == .delivered)
        }
        try await Self.withOneWelcome { sink, database, start, settings in
            // A deliverer stalled between its claim and the send for longer than the lease.
            let stalling = TestDateClock(start)
            let deliverer = OutboxDeliverer(persistence: database, settings: settings, send: { _ throws(SMTPError) in
                Issue.record("an email whose lease was lost was sent")
                return SMTPDelivery(accepted: [])
            }, now: {
                defer { stalling.advance(by: 100) }
                return stalling.now
            })
            #expect(await onOwnThread { deliverer.deliverDue() } == 0)
            #expect(try sink.messages().isEmpty)
            let entry = try #require(try await OutboxFixture.entries(database).first)
            #expect(entry.status == .pending && entry.attempts == 0, "left to whoever claims it next")
        }
    }

    /// A sink, and a database holding one welcome email due at `start`; the settings
    /// send to the sink with a lease of 5 s, when one conversation may take 12 steps of
    /// 10 s each.
    static func withOneWelcome(
        _ body: (SMTPSink, SQLitePersistence, Date, OutboxSettings) async throws -> Void
    ) async throws {
        try await SMTPSink.with { sink in
            try await OutboxFixture.withDatabasePath { path in
                let database = try await OutboxFixture.open(path)
                let start = Date()
                try await database.write { db in try db.outbox.append([try OutboxFixture.welcome(0, at: start)]) }
                var settings = OutboxFixture.settings(port: sink.port)
                settings.lease = .seconds(5)
                try await body(sink, database, start, settings)
            }
        }
    }
}

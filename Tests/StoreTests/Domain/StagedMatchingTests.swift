import Coffee
import Foundation
import Testing
@testable import Store

/// A large match is written in short transactions (migration 0013): its history rows and
/// introductions stay invisible until the session's result is stored and its gate opens.
@Suite("Staged matching (0013) — history rows and gated introductions count only once committed")
struct StagedMatchingTests {
    static let start = SessionRecordsTests.start
    static let tenant = SessionRecordsTests.tenant

    /// A session of program `program`, matched in memory (not stored) at `start`.
    static func matchedInMemory(_ program: Program, in db: Connection) throws -> (Session, MatchingResult) {
        let session = Session.scheduled(for: program, matchAt: start.addingTimeInterval(86_400), at: start)
        try db.sessions.insert(session)
        let result = MatchingEngine.run(MatchingInput(participants: SessionRecordsTests.people, configuration: program.matching,
                                                      history: MatchHistory(), priority: [], seed: 3))
        let matched = try SessionTransition.match(try SessionTransition.open(session, at: start), result: result,
                                                  audienceSize: 4, at: start)
        return (matched, result)
    }

    static func introductions(_ session: Session, groups: Int) -> [DomainEvent] {
        (0..<groups).map { number in
            .matchIntroRequested(MatchIntroRequested(
                header: EventHeader(tenantID: session.tenantID, subject: session.id.rawValue, sequence: session.version,
                                    occurredAt: start),
                group: number, participants: []))
        }
    }

    @Test("staged history rows are not history until the result is stored; discarding them leaves nothing")
    func stagedHistory() throws {
        let (db, program) = try SessionRecordsTests.database()
        let (session, result) = try Self.matchedInMemory(program, in: db)
        try db.sessions.stageHistory(result, groups: 0..<1, of: session, matchedAt: Self.start, sequence: 1)
        try db.sessions.stageHistory(result, groups: 1..<2, of: session, matchedAt: Self.start, sequence: 1)
        #expect(try db.sessions.history(program: program.id, tenant: Self.tenant, sessions: 5).isEmpty)
        try db.sessions.discardStagedHistory(session: session.id, tenant: Self.tenant)
        for table in ["match_sessions", "match_groups", "match_participants"] {
            #expect(try db.query("SELECT count(*) FROM \(table)") { $0.int(0) } == [0], "\(table)")
        }

        try db.sessions.stageHistory(result, groups: result.groups.indices, of: session, matchedAt: Self.start, sequence: 1)
        try db.sessions.update(session)
        try db.sessions.saveResult(EncodedMatchingResult(result: result, storedText: try JSONText.encode(result)), of: session)
        let history = try db.sessions.history(program: program.id, tenant: Self.tenant, sessions: 5)
        #expect(history.count == 1 && SessionRecordsTests.pairs(history[0]) == SessionRecordsTests.pairs(result.groups.map(\.members)))
        try db.sessions.discardStagedHistory(session: session.id, tenant: Self.tenant)
        #expect(try db.sessions.history(program: program.id, tenant: Self.tenant, sessions: 5).count == 1,
                "a committed session's history is never discarded")
    }

    @Test("introductions behind a closed gate are neither due nor listed; opening it releases them all at once")
    func gatedIntroductions() throws {
        let (db, program) = try SessionRecordsTests.database()
        let (session, _) = try Self.matchedInMemory(program, in: db)
        let gate = "match:\(session.id.rawValue)"
        try db.outbox.closeGate(gate, tenant: Self.tenant)
        let events = Self.introductions(session, groups: 3)
        #expect(try db.outbox.append(Array(events[0..<2]), behind: gate, tenant: Self.tenant) == 2)
        #expect(try db.outbox.append(Array(events[2...]), behind: gate, tenant: Self.tenant) == 1)
        let later = Self.start.addingTimeInterval(60)
        #expect(try db.outbox.due(at: later, limit: 10).isEmpty)
        #expect(try db.outbox.claimDue(by: "d", at: later, leaseUntil: later.addingTimeInterval(60), limit: 10).isEmpty)
        #expect(try db.outbox.nextDue() == nil)
        #expect(try db.outbox.page(tenant: Self.tenant, after: 0, limit: 10).isEmpty)
        #expect(try db.outbox.about(subject: session.id.rawValue, tenant: Self.tenant, limit: 10).isEmpty)

        try db.outbox.openGate(gate, tenant: Self.tenant, at: later)
        #expect(try db.outbox.due(at: later, limit: 10).count == 3)
        #expect(try db.outbox.page(tenant: Self.tenant, after: 0, limit: 10).count == 3)
        try db.outbox.discardGate(gate, tenant: Self.tenant)
        #expect(try db.outbox.due(at: later, limit: 10).count == 3, "an open gate is never discarded")
    }

    @Test("discarding a closed gate deletes what waited behind it, and only that")
    func discardedGate() throws {
        let (db, program) = try SessionRecordsTests.database()
        let (session, _) = try Self.matchedInMemory(program, in: db)
        let gate = "match:\(session.id.rawValue)"
        try db.outbox.closeGate(gate, tenant: Self.tenant)
        try db.outbox.append(Self.introductions(session, groups: 2), behind: gate, tenant: Self.tenant)
        try OutboxLeaseTests.appendWelcomes(1, in: db)
        try db.outbox.discardGate(gate, tenant: Self.tenant)
        #expect(try db.query("SELECT kind FROM outbox") { $0.string(0) } == ["WelcomeEmailRequested"])
        // The same introductions can be staged again (their idempotency keys are free).
        try db.outbox.closeGate(gate, tenant: Self.tenant)
        #expect(try db.outbox.append(Self.introductions(session, groups: 2), behind: gate, tenant: Self.tenant) == 2)
    }
}

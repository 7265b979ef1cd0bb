import Coffee
import Foundation
@testable import Percolator
@testable import Store
import Testing

/// What a match stages and commits (issue 16): the history rows and the introductions are
/// staged in short transactions while the introductions are still being encoded, a chunk
/// at a time; what is committed is exactly what encoding everything at once gives.
@Suite("SessionMatcher — staging a match while its introductions are encoded")
struct SessionMatcherStagingTests {
    static let t1 = ServiceFixture.t1
    static let now = ServiceFixture.now

    /// The outbox rows, in order, as stored (every column a match writes).
    static func outbox(_ fixture: ServiceFixture) async throws -> [[String]] {
        try await fixture.store.database.read { db in
            try db.query("""
                SELECT idempotency_key, kind, subject, channel, payload, occurred_at, next_attempt_at, coalesce(gate, '')
                FROM outbox WHERE gate IS NOT NULL ORDER BY seq
                """) { row in (0..<8).map { row.string($0) } }
        }
    }

    @Test("introductions encoded in chunks give the rows, history and result of encoding them at once", arguments: [1, 7, 2048])
    func chunkedIntroductions(chunk: Int) async throws {
        try await ServiceFixture.with { fixture in
            let session = try await Self.session(of: 151, in: fixture)
            var matcher = SessionMatcher(persistence: fixture.persistence)
            matcher.introductionChunk = chunk
            let outcome = try await matcher.match(session: session.id.rawValue, tenant: Self.t1, at: Self.now)
            try await Self.expectStaged(outcome, of: session, in: fixture)
        }
    }

    /// Issue 16: a staging transaction goes on past its budget while no other write waits
    /// (``Persistence/writesWaiting``), up to the idle limit; the rows are the same.
    @Test("with no write waiting a match stages in one transaction past its budget; with one, a step per budget",
          arguments: [(false, Duration.seconds(3_600), 1), (true, Duration.seconds(3_600), 3), (false, Duration.zero, 3)])
    func stagesLongerWhileNoWriteWaits(waiting: Bool, idleBudget: Duration, transactions: Int) async throws {
        try await ServiceFixture.with { fixture in
            let session = try await Self.session(of: 151, in: fixture)
            let persistence = SignalledPersistence(fixture.persistence, writesWaiting: waiting)
            var matcher = SessionMatcher(persistence: persistence)
            matcher.budget = .zero
            matcher.idleBudget = idleBudget
            let outcome = try await matcher.match(session: session.id.rawValue, tenant: Self.t1, at: Self.now)
            // 75 groups: 3 steps of about 32 groups; then the notices' own stage.
            #expect(persistence.stageCount == transactions + 1)
            try await Self.expectStaged(outcome, of: session, in: fixture)
        }
    }

    /// A session of the tenant's `count` new members (pairs), scheduled tomorrow.
    static func session(of count: Int, in fixture: ServiceFixture) async throws -> Session {
        for index in 0..<count { _ = try await fixture.member("m\(index)@example.com") }
        let programs = ProgramService(persistence: fixture.persistence)
        let program = try await programs.create(tenant: Self.t1, at: Self.now, id: ProgramID("p1"), ServiceFixture.draft())
        return try await programs.addSession(to: program.id, matchAt: Self.now.addingTimeInterval(86_400),
                                             tenant: Self.t1, at: Self.now)
    }

    /// What `outcome`'s match of `session` (75 groups) stored is exactly what encoding
    /// everything at once gives: the outbox rows in order, the history and the result.
    static func expectStaged(_ outcome: SessionMatcher.Outcome, of session: Session, in fixture: ServiceFixture) async throws {
        let result = outcome.result
        #expect(result.groups.count == 75)

        // Everything at once, as the match encoded it before issue 16's pipeline.
        let persistence = fixture.persistence
        let introductions = persistence.encode(SessionMatcher.compactIntroductions(
            result, session: outcome.session, groups: result.groups.indices)).rows
        let notices = persistence.encode(SessionMatcher.unmatchedNotices(result, session: outcome.session,
                                                                         members: outcome.members)).rows
        let gate = SessionMatcher.gate(of: session.id)
        let expected = (introductions + notices).map { row in
            [row.idempotencyKey, row.kind, row.subject, row.channel, row.payload,
             Store.Timestamp.string(from: row.occurredAt), Store.Timestamp.string(from: row.dueAt), gate]
        }
        let outbox = try await Self.outbox(fixture)
        #expect(outbox.count == 75 && outbox.count == expected.count)
        for (row, wanted) in zip(outbox, expected) where row != wanted {
            Issue.record("stored \(row) instead of \(wanted)")
            break
        }

        let stored = try await fixture.store.database.read { db in
            (try db.query("SELECT group_no, members FROM match_groups ORDER BY group_no") { "\($0.int(0)) \($0.string(1))" },
             try db.query("SELECT member_id, group_no FROM match_participants ORDER BY member_id") { "\($0.string(0)) \($0.int(1))" },
             try db.query("SELECT json FROM session_results") { $0.string(0) })
        }
        #expect(stored.0 == HistoryGroup.of(result, groups: result.groups.indices).map { "\($0.number) \($0.storedMembers)" })
        #expect(stored.1 == GroupPlacement.byMember(result).map { "\($0.member.rawValue) \($0.group)" })
        #expect(stored.2 == [try persistence.encode(result).storedText])
    }
}

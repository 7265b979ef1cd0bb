import Coffee
import Foundation
import Testing
@testable import Store

/// History follows what was actually matched (issue 16, defect 1): `session_members`
/// records when each session was matched and in which order (migration 0012).
@Suite("SessionRecords (0006, 0012) — history in the order sessions were matched")
struct SessionRecordsTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let tenant = TenantID(rawValue: "t1")
    static let people = (0..<4).map { Participant(id: ParticipantID("m\($0)")) }

    static func database() throws -> (Connection, Program) {
        let db = try Connection(path: ":memory:")
        try StoreSchema.migrator.migrate(db)
        try db.execute("INSERT INTO tenants VALUES ('t1', 'one', 'now')")
        let draft = ProgramDraft(name: "Coffee", schedule: .once(at: start.addingTimeInterval(86_400 * 30), optInOpensAt: nil))
        let program = try ProgramTransition.create(id: ProgramID("p1"), tenantID: DomainTenantID("t1"), draft: draft, at: start)
        try db.programs.save(program)
        return (db, program)
    }

    /// Creates a session scheduled `days` after the start and matches it at `matchedAt`.
    @discardableResult
    static func match(_ program: Program, scheduledIn days: Double, matchedAt: Date, seed: UInt64,
                      in db: Connection) throws -> (Session, MatchingResult) {
        let session = Session.scheduled(for: program, matchAt: start.addingTimeInterval(days * 86_400), at: start)
        try db.sessions.insert(session)
        let result = MatchingEngine.run(MatchingInput(participants: people, configuration: program.matching,
                                                      history: MatchHistory(), priority: [], seed: seed))
        let matched = try SessionTransition.match(try SessionTransition.open(session, at: matchedAt), result: result,
                                                  audienceSize: people.count, at: matchedAt)
        try db.sessions.update(matched)
        try db.sessions.saveResult(result, of: matched)
        return (matched, result)
    }

    static func pairs(_ groups: [[ParticipantID]]) -> Set<Set<ParticipantID>> { Set(groups.map(Set.init)) }

    @Test("history is ordered by matching, not by scheduled time; a session matched early counts from then on")
    func orderedByMatching() throws {
        let (db, program) = try Self.database()
        // Scheduled in 9, 5 and 1 days; matched in that order, an hour apart.
        var matched: [(Session, MatchingResult)] = []
        for (index, days) in [9.0, 5, 1].enumerated() {
            matched.append(try Self.match(program, scheduledIn: days, matchedAt: Self.start.addingTimeInterval(Double(index) * 3_600),
                                          seed: UInt64(index), in: db))
        }
        let history = try db.sessions.history(program: ProgramID("p1"), tenant: Self.tenant, sessions: 10)
        #expect(history.count == 3)
        // Most recently matched first: the session scheduled in 1 day, then 5, then 9.
        for (stored, (_, result)) in zip(history, matched.reversed()) {
            #expect(Self.pairs(stored) == Self.pairs(result.groups.map(\.members)))
        }
        let limited = try db.sessions.history(program: ProgramID("p1"), tenant: Self.tenant, sessions: 1)
        #expect(limited.count == 1 && Self.pairs(limited[0]) == Self.pairs(matched[2].1.groups.map(\.members)))
        let excluding = try db.sessions.history(program: ProgramID("p1"), tenant: Self.tenant, sessions: 10,
                                                   excluding: matched[2].0.id)
        #expect(excluding.count == 2)
        #expect(try db.query("SELECT match_sequence FROM match_sessions ORDER BY 1") { $0.int(0) } == [1, 2, 3])
    }

    @Test("migration 0012 backfills matched_at from the snapshot and numbers the sessions in that order")
    func backfill() throws {
        let db = try Connection(path: ":memory:")
        _ = try Migrator(Array(StoreSchema.migrations.prefix(11))).migrate(db)
        try db.execute("INSERT INTO tenants VALUES ('t1', 'one', 'now')")
        try db.execute("INSERT INTO programs VALUES ('t1', 'p1', 'Coffee', 'now', '{}')")
        // s-late was scheduled first but matched last.
        for (id, matchAt, matchedAt) in [("s-late", "2026-12-01T09:00:00.000Z", "2026-12-03T10:00:00Z"),
                                         ("s-early", "2026-12-07T09:00:00.000Z", "2026-12-02T10:00:00Z")] {
            try db.execute("INSERT INTO sessions VALUES ('t1', ?, 'p1', 'matched', ?, ?)", id, matchAt,
                           #"{"match":{"matchedAt":"\#(matchedAt)"}}"#)
            try db.execute("INSERT INTO session_members (tenant_id, session_id, program_id, match_at, group_no, member_id) VALUES ('t1', ?, 'p1', ?, 0, 'm1')",
                           id, matchAt)
        }
        _ = try StoreSchema.migrator.migrate(db)
        let rows = try db.query("SELECT session_id, matched_at, match_sequence FROM match_sessions ORDER BY match_sequence") {
            [$0.string(0), $0.string(1), String($0.int(2))]
        }
        #expect(rows == [["s-early", "2026-12-02T10:00:00.000Z", "1"], ["s-late", "2026-12-03T10:00:00.000Z", "2"]])
    }
}

import Coffee
import Foundation
import Testing
@testable import Store

/// Migration 0030 carries the per-member history rows of older builds over to one row per
/// group (issue 16), on both backends: the history, a member's groups, unavailability and
/// the order of matching read as before.
@Suite("Migration 0030 — per-member history carried over to group rows, SQLite and PostgreSQL")
struct GroupHistoryMigrationTests {
    /// Two matched sessions as 0028 stored them: s1 (sequence 1) {m1, m2} {m3, m4}, s2
    /// (sequence 2) {m3, m1}, m3 unavailable in s2; and s3 staged, not matched.
    static let rows: [(session: String, group: Int, member: String, sequence: Int, unavailable: Bool)] = [
        ("s1", 0, "m2", 1, false), ("s1", 0, "m1", 1, false), ("s1", 1, "m3", 1, false), ("s1", 1, "m4", 1, false),
        ("s2", 0, "m3", 2, true), ("s2", 0, "m1", 2, false), ("s3", 0, "m2", 3, false), ("s3", 0, "m4", 3, false),
    ]

    static func prefix<T>(_ migrations: [T], through identifier: String, _ name: (T) -> String) throws -> [T] {
        let index = try #require(migrations.firstIndex { name($0) == identifier })
        return Array(migrations.prefix(through: index))
    }

    /// What the repository reads after the migration, the same on both backends.
    static func check(_ sessions: any SessionRepository) throws {
        let tenant = TenantID(rawValue: "t1")
        let history = try sessions.history(program: ProgramID("p1"), tenant: tenant, sessions: 5)
        #expect(history == [[[ParticipantID("m1"), ParticipantID("m3")]],
                            [[ParticipantID("m1"), ParticipantID("m2")], [ParticipantID("m3"), ParticipantID("m4")]]],
                "most recently matched first, each group once, members in id order; the staged s3 is not history")
        let groups = try sessions.groups(of: MemberID("m1"), tenant: tenant, limit: 5)
        #expect(groups.map(\.sessionID) == [SessionID("s2"), SessionID("s1")])
        #expect(groups.map(\.members) == [[MemberID("m1"), MemberID("m3")], [MemberID("m1"), MemberID("m2")]])
        #expect(groups.map(\.matchedAt) == [Date(timeIntervalSince1970: 1_800_003_600), Date(timeIntervalSince1970: 1_800_000_000)])
        #expect(try sessions.unavailableMembers(session: SessionID("s2"), tenant: tenant) == ["m3"])
        #expect(try sessions.unavailableMembers(session: SessionID("s1"), tenant: tenant).isEmpty)
        #expect(try sessions.nextMatchSequence(tenant: tenant) == 4)
    }

    @Test("SQLite: the rows of 0028 read the same after 0030")
    func sqlite() throws {
        let db = try Connection(path: ":memory:")
        _ = try Migrator(try Self.prefix(StoreSchema.migrations, through: "0028_history_indexes", \.identifier)).migrate(db)
        try db.execute("INSERT INTO tenants (id, name, created_at) VALUES ('t1', 'one', 'now')")
        try db.execute("INSERT INTO programs (tenant_id, id, name, created_at, json) VALUES ('t1', 'p1', 'Coffee', 'now', '{}')")
        for (index, session) in ["s1", "s2", "s3"].enumerated() {
            try db.execute("INSERT INTO sessions (tenant_id, id, program_id, state, match_at, json) VALUES ('t1', ?, 'p1', 'matched', ?, '{}')",
                           session, "2027-01-0\(index + 1)T09:00:00.000Z")
        }
        for session in ["s1", "s2"] {
            try db.execute("INSERT INTO session_results (tenant_id, session_id, json) VALUES ('t1', ?, '{}')", session)
        }
        for row in Self.rows {
            try db.execute("""
                INSERT INTO session_members (tenant_id, session_id, program_id, match_at, group_no, member_id, unavailable,
                                             matched_at, match_sequence)
                VALUES ('t1', ?, 'p1', '2027-01-01T09:00:00.000Z', ?, ?, ?, ?, ?)
                """, row.session, row.group, row.member, row.unavailable ? 1 : 0,
                Timestamp.string(from: Date(timeIntervalSince1970: 1_800_000_000 + Double(row.sequence - 1) * 3_600)), row.sequence)
        }
        _ = try StoreSchema.migrator.migrate(db)
        try Self.check(db.sessions)
        #expect(try db.query("SELECT count(*) FROM match_groups") { $0.int(0) } == [4], "one row per group")
        #expect(try db.query("SELECT count(*) FROM sqlite_master WHERE name = 'session_members'") { $0.int(0) } == [0])
    }

    @Test("PostgreSQL: the rows of 0028 read the same after 0030")
    func postgres() async throws {
        try await withPostgresSchema { url in
            try await offPool {
                let db = try PostgresConnection(url: url)
                try PostgresMigrator(migrations: try Self.prefix(PostgresSchema.migrations, through: "0028_history_indexes",
                                                                 \.identifier)).migrate(db)
                try db.run("""
                    INSERT INTO tenants (id, name, created_at) VALUES ('t1', 'one', now());
                    INSERT INTO programs (tenant_id, id, name, created_at, json) VALUES ('t1', 'p1', 'Coffee', now(), '{}');
                    INSERT INTO sessions (tenant_id, id, program_id, state, match_at, json) VALUES
                        ('t1', 's1', 'p1', 'matched', now(), '{}'), ('t1', 's2', 'p1', 'matched', now(), '{}'),
                        ('t1', 's3', 'p1', 'matched', now(), '{}');
                    INSERT INTO session_results (tenant_id, session_id, json) VALUES ('t1', 's1', '{}'), ('t1', 's2', '{}');
                    """)
                for row in Self.rows {
                    try db.execute("""
                        INSERT INTO session_members (tenant_id, session_id, program_id, match_at, group_no, member_id, unavailable,
                                                     matched_at, match_sequence)
                        VALUES ('t1', $1, 'p1', now(), $2, $3, $4, $5, $6)
                        """, row.session, row.group, row.member, row.unavailable,
                        Date(timeIntervalSince1970: 1_800_000_000 + Double(row.sequence - 1) * 3_600), row.sequence)
                }
                try PostgresSchema.migrator.migrate(db)
                try Self.check(PostgresSessionRepository(db: db, lock: ""))
                #expect(try db.query("SELECT count(*) FROM match_groups") { $0.int64(0) } == [4], "one row per group")
            }
        }
    }
}

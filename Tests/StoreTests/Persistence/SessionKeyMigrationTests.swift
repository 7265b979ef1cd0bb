import Coffee
import Foundation
import Testing
@testable import Store

/// Migration 0034 keys the history's group and member rows by a short session key instead
/// of the tenant and session ids (issue 16), on both backends: rows written before it read
/// the same after it, and the rows of 0034 carry no tenant or session id.
@Suite("Migration 0034 — history rows keyed by a short session key, SQLite and PostgreSQL")
struct SessionKeyMigrationTests {
    /// As 0030 stored them: s1 (sequence 1) {m1, m2} {m3, m4}, s2 (sequence 2) {m1, m3}, m3
    /// unavailable in s2; s3 staged (sequence 3), not matched; and tenant t2's s1 matched
    /// (sequence 1) {m1, m9}, the same session and member ids in another tenant.
    static let groups: [(tenant: String, session: String, group: Int, members: [String])] = [
        ("t1", "s1", 0, ["m1", "m2"]), ("t1", "s1", 1, ["m3", "m4"]), ("t1", "s2", 0, ["m1", "m3"]), ("t1", "s3", 0, ["m2", "m4"]),
        ("t2", "s1", 0, ["m1", "m9"]),
    ]
    static let sessions: [(tenant: String, session: String, sequence: Int)] = [
        ("t1", "s1", 1), ("t1", "s2", 2), ("t1", "s3", 3), ("t2", "s1", 1),
    ]

    /// Whether `member` is marked unavailable in `session` of `tenant` before the migration.
    static func unavailable(_ tenant: String, _ session: String, _ member: String) -> Bool {
        tenant == "t1" && session == "s2" && member == "m3"
    }

    static func matchedAt(_ sequence: Int) -> Date { Date(timeIntervalSince1970: 1_800_000_000 + Double(sequence - 1) * 3_600) }

    /// What the repository reads after the migration, the same on both backends.
    static func check(_ sessions: any SessionRepository) throws {
        let tenant = TenantID(rawValue: "t1")
        #expect(try sessions.history(program: ProgramID("p1"), tenant: tenant, sessions: 5)
                == [[[ParticipantID("m1"), ParticipantID("m3")]],
                    [[ParticipantID("m1"), ParticipantID("m2")], [ParticipantID("m3"), ParticipantID("m4")]]],
                "most recently matched first, each group once; the staged s3 is not history")
        let groups = try sessions.groups(of: MemberID("m1"), tenant: tenant, limit: 5)
        #expect(groups.map(\.sessionID) == [SessionID("s2"), SessionID("s1")])
        #expect(groups.map(\.members) == [[MemberID("m1"), MemberID("m3")], [MemberID("m1"), MemberID("m2")]])
        #expect(groups.map(\.matchedAt) == [matchedAt(2), matchedAt(1)])
        #expect(try sessions.unavailableMembers(session: SessionID("s2"), tenant: tenant) == ["m3"])
        #expect(try sessions.unavailableMembers(session: SessionID("s1"), tenant: tenant).isEmpty)
        #expect(try sessions.nextMatchSequence(tenant: tenant) == 4)
        let other = TenantID(rawValue: "t2")
        #expect(try sessions.history(program: ProgramID("p1"), tenant: other, sessions: 5)
                == [[[ParticipantID("m1"), ParticipantID("m9")]]], "the other tenant's session of the same id stays its own")
        #expect(try sessions.groups(of: MemberID("m1"), tenant: other, limit: 5).map(\.members) == [[MemberID("m1"), MemberID("m9")]])
        #expect(try sessions.nextMatchSequence(tenant: other) == 2)
        // Marking a member unavailable after the migration reaches the carried rows of its tenant only.
        try sessions.markUnavailable(member: MemberID("m1"), tenant: tenant)
        #expect(try sessions.unavailableMembers(session: SessionID("s1"), tenant: tenant) == ["m1"])
        #expect(try sessions.unavailableMembers(session: SessionID("s1"), tenant: other).isEmpty)
        // A staged session discarded after the migration leaves the matched ones alone.
        try sessions.discardStagedHistory(session: SessionID("s3"), tenant: tenant)
        try sessions.discardStagedHistory(session: SessionID("s1"), tenant: tenant)
        #expect(try sessions.nextMatchSequence(tenant: tenant) == 3, "s3's staged row went, s1's stayed")
        #expect(try sessions.groups(of: MemberID("m1"), tenant: tenant, limit: 5).count == 2)
    }

    @Test("SQLite: the rows of 0033 read the same after 0034, and the new rows carry no tenant or session id")
    func sqlite() throws {
        let db = try Connection(path: ":memory:")
        _ = try Migrator(try GroupHistoryMigrationTests.prefix(StoreSchema.migrations, through: "0033_member_order",
                                                               \.identifier)).migrate(db)
        for tenant in ["t1", "t2"] {
            try db.execute("INSERT INTO tenants (id, name, created_at) VALUES (?, ?, 'now')", tenant, "name \(tenant)")
            try db.execute("INSERT INTO programs (tenant_id, id, name, created_at, json) VALUES (?, 'p1', 'Coffee', 'now', '{}')", tenant)
        }
        for row in Self.sessions {
            try db.execute("INSERT INTO sessions (tenant_id, id, program_id, state, match_at, json) VALUES (?, ?, 'p1', 'matched', ?, '{}')",
                           row.tenant, row.session, "2027-01-0\(row.sequence)T09:00:00.000Z")
            if row.session != "s3" {
                try db.execute("INSERT INTO session_results (tenant_id, session_id, json) VALUES (?, ?, '{}')", row.tenant, row.session)
            }
            try db.execute("""
                INSERT INTO match_sessions (tenant_id, session_id, program_id, matched_at, match_sequence) VALUES (?, ?, 'p1', ?, ?)
                """, row.tenant, row.session, Timestamp.string(from: Self.matchedAt(row.sequence)), row.sequence)
        }
        for group in Self.groups {
            try db.execute("INSERT INTO match_groups (tenant_id, session_id, group_no, members) VALUES (?, ?, ?, ?)",
                           group.tenant, group.session, group.group, group.members.joined(separator: "\u{1F}"))
            for member in group.members {
                try db.execute("""
                    INSERT INTO match_participants (tenant_id, session_id, member_id, group_no, unavailable) VALUES (?, ?, ?, ?, ?)
                    """, group.tenant, group.session, member, group.group,
                    Self.unavailable(group.tenant, group.session, member) ? 1 : 0)
            }
        }
        _ = try StoreSchema.migrator.migrate(db)
        for table in ["match_groups", "match_participants"] {
            let columns = try db.query("SELECT name FROM pragma_table_info(?)", table) { $0.string(0) }
            #expect(columns.contains("session_key") && !columns.contains("tenant_id") && !columns.contains("session_id"), "\(table)")
        }
        #expect(try db.query("SELECT count(*) FROM match_groups") { $0.int(0) } == [5])
        #expect(try db.query("SELECT count(*) FROM match_participants") { $0.int(0) } == [10])
        try Self.check(db.sessions)
        // The history still goes with its sessions (the program's deletion cascades).
        try db.execute("DELETE FROM programs WHERE tenant_id = 't1'")
        #expect(try db.query("SELECT count(*) FROM match_groups") { $0.int(0) } == [1])
        #expect(try db.query("SELECT count(*) FROM match_participants") { $0.int(0) } == [2])
    }

    @Test("PostgreSQL: the rows of 0033 read the same after 0034, and the new rows carry no tenant or session id")
    func postgres() async throws {
        try await withPostgresSchema { url in
            try await offPool { try Self.runPostgres(url: url) }
        }
    }

    /// The PostgreSQL run of ``postgres()``, on the schema at `url`.
    static func runPostgres(url: String) throws {
        let db = try PostgresConnection(url: url)
        try PostgresMigrator(migrations: try GroupHistoryMigrationTests.prefix(PostgresSchema.migrations,
                                                                               through: "0033_member_order",
                                                                               \.identifier)).migrate(db)
        for tenant in ["t1", "t2"] {
            try db.execute("INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, now())", tenant, "name \(tenant)")
            try db.execute("INSERT INTO programs (tenant_id, id, name, created_at, json) VALUES ($1, 'p1', 'Coffee', now(), '{}')",
                           tenant)
        }
        for row in Self.sessions {
            try db.execute("INSERT INTO sessions (tenant_id, id, program_id, state, match_at, json) VALUES ($1, $2, 'p1', 'matched', now(), '{}')",
                           row.tenant, row.session)
            if row.session != "s3" {
                try db.execute("INSERT INTO session_results (tenant_id, session_id, json) VALUES ($1, $2, '{}')",
                               row.tenant, row.session)
            }
            try db.execute("""
                INSERT INTO match_sessions (tenant_id, session_id, program_id, matched_at, match_sequence)
                VALUES ($1, $2, 'p1', $3, $4)
                """, row.tenant, row.session, Self.matchedAt(row.sequence), row.sequence)
        }
        for group in Self.groups {
            try db.execute("INSERT INTO match_groups (tenant_id, session_id, group_no, members) VALUES ($1, $2, $3, $4)",
                           group.tenant, group.session, group.group, group.members.joined(separator: "\u{1F}"))
            for member in group.members {
                try db.execute("""
                    INSERT INTO match_participants (tenant_id, session_id, member_id, group_no, unavailable)
                    VALUES ($1, $2, $3, $4, $5)
                    """, group.tenant, group.session, member, group.group,
                    unavailable(group.tenant, group.session, member))
            }
        }
        try PostgresSchema.migrator.migrate(db)
        for table in ["match_groups", "match_participants"] {
            let columns = try db.query("""
                SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
                """, table) { $0.string(0) }
            #expect(columns.contains("session_key") && !columns.contains("tenant_id") && !columns.contains("session_id"),
                    "\(table)")
        }
        #expect(try db.query("SELECT count(*) FROM match_groups") { $0.int64(0) } == [5])
        #expect(try db.query("SELECT count(*) FROM match_participants") { $0.int64(0) } == [10])
        try Self.check(PostgresSessionRepository(db: db, lock: ""))
        _ = try db.execute("DELETE FROM programs WHERE tenant_id = 't1'")
        #expect(try db.query("SELECT count(*) FROM match_groups") { $0.int64(0) } == [1])
        #expect(try db.query("SELECT count(*) FROM match_participants") { $0.int64(0) } == [2])
    }
}

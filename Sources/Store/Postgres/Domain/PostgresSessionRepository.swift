import Coffee
import FoundationEssentials

/// Sessions, their matching results, and the history of who met whom on PostgreSQL (as
/// ``SQLiteSessionRepository``). A round's id is its primary key, so two schedulers
/// inserting the same round create it once.
struct PostgresSessionRepository: SessionRepository {
    /// The transaction's connection.
    let db: PostgresConnection
    /// ` FOR UPDATE` in a write transaction (see `PostgresTransaction.lock`), else empty.
    let lock: String

    func session(id: SessionID, tenant: TenantID) throws -> Session? {
        try db.queryOne("SELECT json FROM sessions WHERE tenant_id = $1 AND id = $2\(lock)", tenant, id) {
            try JSONText.decode($0.string(0))
        }
    }

    func sessions(program id: ProgramID, tenant: TenantID) throws -> [Session] {
        try db.query("SELECT json FROM sessions WHERE tenant_id = $1 AND program_id = $2 ORDER BY match_at",
                     tenant, id) { try JSONText.decode($0.string(0)) }
    }

    /// The byte budget is spent in SQL (a running sum of `octet_length`, read from the
    /// value's header), so that the server sends no session past it: the admitted rows (the
    /// first always is), then the first one refused, if any, with no JSON; one row past
    /// `limit` tells whether more follow.
    func sessions(program id: ProgramID, tenant: TenantID, matchingAfter date: Date?, limit: Int,
                  maxBytes: Int) throws -> ProgramSessionPage {
        guard limit > 0 else { return ProgramSessionPage(sessions: [], hasMore: false) }
        let rows = try db.query("""
            SELECT CASE WHEN running <= $5 OR position = 1 THEN json END FROM (
                SELECT json, match_at, id,
                       sum(octet_length(json)) OVER (ORDER BY match_at, id COLLATE "C" ROWS UNBOUNDED PRECEDING) AS running,
                       octet_length(json) AS bytes,
                       row_number() OVER (ORDER BY match_at, id COLLATE "C") AS position
                FROM sessions WHERE tenant_id = $1 AND program_id = $2 AND ($3::timestamptz IS NULL OR match_at > $3)
                ORDER BY match_at, id COLLATE "C" LIMIT $4
            ) AS page WHERE running - bytes <= $5 OR position <= 2 ORDER BY match_at, id COLLATE "C"
            """, tenant, id, date, limit + 1, maxBytes) { $0.optionalString(0) }
        let admitted = rows.prefix { $0 != nil }.compactMap { $0 }
        return ProgramSessionPage(sessions: try admitted.prefix(limit).map { try JSONText.decode($0) },
                                  hasMore: admitted.count < rows.count || admitted.count > limit)
    }

    func nextSession(program id: ProgramID, tenant: TenantID, after date: Date) throws -> Session? {
        try db.queryOne("""
            SELECT json FROM sessions WHERE tenant_id = $1 AND program_id = $2 AND match_at > $3
                AND state IN ('scheduled', 'open') ORDER BY match_at, id COLLATE "C" LIMIT 1\(lock)
            """, tenant, id, date) { try JSONText.decode($0.string(0)) }
    }

    func listing(program id: ProgramID, tenant: TenantID) throws -> [SessionListing] {
        try db.query("""
            SELECT id, state, match_at FROM sessions WHERE tenant_id = $1 AND program_id = $2 ORDER BY match_at, id COLLATE "C"
            """, tenant, id) { row in
            guard let state = SessionState(rawValue: row.string(1)) else {
                throw StoreError(code: .corrupt, message: "a sessions row has an unknown state")
            }
            return SessionListing(id: SessionID(row.string(0)), state: state, matchAt: try row.date(2))
        }
    }

    func matchedSessions(program id: ProgramID, tenant: TenantID, last count: Int) throws -> [Session] {
        try db.query("""
            SELECT json FROM sessions WHERE tenant_id = $1 AND program_id = $2 AND state IN ('matched', 'closed')
            ORDER BY match_at DESC, id COLLATE "C" DESC LIMIT $3
            """, tenant, id, max(0, count)) { try JSONText.decode($0.string(0)) }.reversed()
    }

    func pendingSessions(tenant: TenantID) throws -> [Session] {
        try db.query("""
            SELECT json FROM sessions WHERE tenant_id = $1 AND state IN ('scheduled', 'open') ORDER BY match_at, id COLLATE "C"
            """, tenant) { try JSONText.decode($0.string(0)) }
    }

    func sessionsToPlan(tenant: TenantID, program: ProgramID?) throws -> [Session] {
        try db.query("""
            SELECT json FROM sessions AS s WHERE s.tenant_id = $1 AND ($2::text IS NULL OR s.program_id = $2)
                AND (s.state IN ('scheduled', 'open') OR NOT EXISTS (
                    SELECT 1 FROM sessions AS later WHERE later.tenant_id = s.tenant_id AND later.program_id = s.program_id
                        AND (later.match_at > s.match_at
                             OR (later.match_at = s.match_at AND later.id COLLATE "C" > s.id COLLATE "C"))))
            ORDER BY s.match_at, s.id COLLATE "C"
            """, tenant, program) { try JSONText.decode($0.string(0)) }
    }

    func sessions(tenant: TenantID) throws -> [Session] {
        try db.query("SELECT json FROM sessions WHERE tenant_id = $1 ORDER BY match_at", tenant) {
            try JSONText.decode($0.string(0))
        }
    }

    func insert(_ session: Session) throws -> Bool {
        try db.execute("""
            INSERT INTO sessions (tenant_id, id, program_id, state, match_at, json) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (tenant_id, id) DO NOTHING
            """, session.tenantID, session.id, session.programID, session.state.rawValue, session.matchAt,
            try JSONText.encode(session)) > 0
    }

    func update(_ session: Session) throws {
        try db.execute("UPDATE sessions SET state = $1, json = $2 WHERE tenant_id = $3 AND id = $4",
                       session.state.rawValue, try JSONText.encode(session), session.tenantID, session.id)
    }

    func saveResult(_ result: MatchingResult, of session: Session) throws {
        try saveResult(EncodedMatchingResult(result: result, storedText: try MatchingResultText.encode(result)), of: session)
        try discardStagedHistory(session: session.id, tenant: session.tenantID)
        try stageHistory(result, groups: result.groups.indices, of: session,
                         matchedAt: session.match?.matchedAt ?? session.updatedAt,
                         sequence: try nextMatchSequence(tenant: session.tenantID))
    }

    func saveResult(_ result: EncodedMatchingResult, of session: Session) throws {
        try db.execute("INSERT INTO session_results (tenant_id, session_id, json) VALUES ($1, $2, $3)",
                       session.tenantID, session.id, result.storedText)
    }

    func nextMatchSequence(tenant: TenantID) throws -> Int {
        Int(try db.queryOne("SELECT coalesce(max(match_sequence), 0) + 1 FROM match_sessions WHERE tenant_id = $1",
                            tenant) { $0.int64(0) } ?? 1)
    }

    func discardStagedHistory(session id: SessionID, tenant: TenantID) throws {
        let staged = try db.queryOne("""
            SELECT session_key FROM match_sessions WHERE tenant_id = $1 AND session_id = $2
            AND NOT EXISTS (SELECT 1 FROM session_results r WHERE r.tenant_id = $1 AND r.session_id = $2)
            """, tenant, id) { $0.int64(0) }
        guard let staged else { return }
        for table in ["match_participants", "match_groups", "match_sessions"] {
            try db.execute("DELETE FROM \(table) WHERE session_key = $1", staged)
        }
    }

    func stageHistory(groups: some Collection<HistoryGroup>, placements: some Collection<GroupPlacement>,
                      of session: Session, matchedAt: Date, sequence: Int) throws {
        let key = try sessionKey(of: session, matchedAt: matchedAt, sequence: sequence)
        // One statement for each kind of row of the slice (issue 16: one round trip per row).
        if !groups.isEmpty {
            try db.execute("""
                INSERT INTO match_groups (session_key, group_no, members)
                SELECT $1, g.group_no::integer, g.members
                FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS g(group_no, members, position) ORDER BY g.position
                """, key, PostgresTextArray(groups.map { String($0.number) }), PostgresTextArray(groups.map(\.storedMembers)))
        }
        if !placements.isEmpty {
            try db.execute("""
                INSERT INTO match_participants (session_key, member_id, group_no)
                SELECT $1, p.member_id, p.group_no::integer
                FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS p(member_id, group_no, position) ORDER BY p.position
                """, key, PostgresTextArray(placements.map(\.member.rawValue)),
                PostgresTextArray(placements.map { String($0.group) }))
        }
    }

    /// The session's row in `match_sessions`, created or stamped with `matchedAt` and
    /// `sequence`, and its short key: what its group and member rows are keyed by (0034).
    private func sessionKey(of session: Session, matchedAt: Date, sequence: Int) throws -> Int64 {
        let key = try db.queryOne("""
            INSERT INTO match_sessions (tenant_id, session_id, program_id, matched_at, match_sequence) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (tenant_id, session_id) DO UPDATE SET matched_at = excluded.matched_at,
                                                              match_sequence = excluded.match_sequence
            RETURNING session_key
            """, session.tenantID, session.id, session.programID, matchedAt, sequence) { $0.int64(0) }
        guard let key else { throw StoreError(code: .misuse, message: "no history row for session '\(session.id.rawValue)'") }
        return key
    }

    func groups(of member: MemberID, tenant: TenantID, limit: Int) throws -> [MatchedGroup] {
        let own = try db.query("""
            SELECT s.session_id, s.program_id, p.group_no, s.matched_at, g.members
            FROM match_sessions s
            JOIN match_participants p ON p.session_key = s.session_key AND p.member_id = $2
            JOIN match_groups g ON g.session_key = s.session_key AND g.group_no = p.group_no
            WHERE s.tenant_id = $1 AND s.session_id IN (SELECT session_id FROM session_results WHERE tenant_id = $1)
            ORDER BY s.match_sequence DESC, s.matched_at DESC LIMIT $3
            """, tenant, member, limit) { ($0.string(0), $0.string(1), $0.int(2), try $0.date(3), $0.string(4)) }
        return own.map { session, program, number, matchedAt, members in
            MatchedGroup(sessionID: SessionID(session), programID: ProgramID(program), number: number, matchedAt: matchedAt,
                         members: HistoryGroup.members(stored: members).map { MemberID($0.rawValue) }
                            .sorted { GroupPlacement.bytesPrecede($0.rawValue, $1.rawValue) })
        }
    }

    func result(session id: SessionID, tenant: TenantID) throws -> MatchingResult? {
        try db.queryOne("SELECT json FROM session_results WHERE tenant_id = $1 AND session_id = $2", tenant, id) {
            try JSONText.decode($0.string(0))
        }
    }

    func latestResult(program id: ProgramID, tenant: TenantID) throws -> MatchingResult? {
        try db.queryOne("""
            SELECT r.json FROM match_sessions m
            JOIN session_results r ON r.tenant_id = m.tenant_id AND r.session_id = m.session_id
            WHERE m.tenant_id = $1 AND m.program_id = $2 ORDER BY m.match_sequence DESC, m.matched_at DESC LIMIT 1
            """, tenant, id) { try JSONText.decode($0.string(0)) }
    }

    func unavailableMembers(session id: SessionID, tenant: TenantID) throws -> Set<String> {
        Set(try db.query("""
            SELECT member_id FROM match_participants
            WHERE session_key = (SELECT session_key FROM match_sessions WHERE tenant_id = $1 AND session_id = $2) AND unavailable
            """, tenant, id) { $0.string(0) })
    }

    func markUnavailable(member memberID: MemberID, tenant: TenantID) throws {
        try db.execute("""
            UPDATE match_participants SET unavailable = true
            WHERE session_key IN (SELECT session_key FROM match_sessions WHERE tenant_id = $1) AND member_id = $2
            """, tenant, memberID)
    }

    func history(program programID: ProgramID?, tenant: TenantID, sessions count: Int,
                 excluding sessionID: SessionID?) throws -> [[[ParticipantID]]] {
        guard count > 0 else { return [] }
        // The sessions first, then each one's groups along the primary key (as SQLite).
        let sessions = try db.query("""
            SELECT session_key FROM match_sessions s
            WHERE tenant_id = $1 AND ($2::text IS NULL OR program_id = $2) AND session_id IS DISTINCT FROM $3::text
            AND session_id IN (SELECT session_id FROM session_results WHERE tenant_id = $1)
            AND EXISTS (SELECT 1 FROM match_groups g WHERE g.session_key = s.session_key)
            ORDER BY match_sequence DESC, matched_at DESC, session_id COLLATE "C" LIMIT $4
            """, tenant, programID, sessionID, count) { $0.int64(0) }
        return try sessions.map { session in
            try db.query("SELECT members FROM match_groups WHERE session_key = $1 ORDER BY group_no", session) {
                HistoryGroup.members(stored: $0.string(0))
            }
        }
    }

    func selectionFingerprint(tenant: TenantID, session id: SessionID, includingGroups: Bool) throws -> String {
        try db.queryOne("""
            SELECT CASE WHEN $3 THEN coalesce(greatest(
                       (SELECT max(last_modified) FROM scim_resources WHERE tenant_id = $1 AND resource_type = 'Group'),
                       -- Member changes not yet folded into their group's row (migration 0027).
                       (SELECT max(changed_at) FROM scim_resource_changes WHERE tenant_id = $1))::text, '') ELSE '' END || '|' ||
                   coalesce((SELECT json FROM sessions WHERE tenant_id = $1 AND id = $2), '') || '|' ||
                   (SELECT count(*) FROM program_preferences WHERE tenant_id = $1)
            """, tenant, id, includingGroups) { $0.string(0) } ?? ""
    }
}

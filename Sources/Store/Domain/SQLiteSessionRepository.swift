import FoundationEssentials
import Coffee

/// Sessions, their matching results, and the history of who met whom.
public struct SQLiteSessionRepository: SessionRepository {
    /// The transaction's connection.
    let db: Connection

    /// The session `id` of `tenant`, or `nil`.
    public func session(id: SessionID, tenant: TenantID) throws -> Session? {
        try db.queryOne("SELECT json FROM sessions WHERE tenant_id = ? AND id = ?", tenant.rawValue, id) {
            try JSONText.decode($0.string(0))
        }
    }

    /// The sessions of program `id`, by match time.
    public func sessions(program id: ProgramID, tenant: TenantID) throws -> [Session] {
        try db.query("SELECT json FROM sessions WHERE tenant_id = ? AND program_id = ? ORDER BY match_at",
                     tenant.rawValue, id) { try JSONText.decode($0.string(0)) }
    }

    /// One page along `sessions_by_program`, one row past `limit` read to tell whether
    /// more follow; rows are read one by one and decoded once admitted (``PageBudget``).
    public func sessions(program id: ProgramID, tenant: TenantID, matchingAfter date: Date?, limit: Int,
                         maxBytes: Int) throws -> ProgramSessionPage {
        guard limit > 0 else { return ProgramSessionPage(sessions: [], hasMore: false) }
        var budget = PageBudget(limit: maxBytes)
        var refused = false
        let texts = try db.query("""
            SELECT json FROM sessions WHERE tenant_id = ? AND program_id = ? AND match_at > ? ORDER BY match_at, id LIMIT ?
            """, bindings: [.text(tenant.rawValue), .text(id.rawValue), .text(date.map(Timestamp.string(from:)) ?? ""),
                            .integer(Int64(limit) + 1)],
            map: { $0.string(0) }, while: { text in
                refused = !budget.admits(text.utf8.count)
                return !refused
            })
        return ProgramSessionPage(sessions: try texts.prefix(limit).map { try JSONText.decode($0) },
                                  hasMore: refused || texts.count > limit)
    }

    /// Program `id`'s next pending session matching after `date`, along `sessions_by_program`.
    /// Match times are stored to the millisecond, so later than `date` truncated to its
    /// millisecond is later than `date`.
    public func nextSession(program id: ProgramID, tenant: TenantID, after date: Date) throws -> Session? {
        try db.queryOne("""
            SELECT json FROM sessions WHERE tenant_id = ? AND program_id = ? AND match_at > ?
                AND state IN ('scheduled', 'open') ORDER BY match_at, id LIMIT 1
            """, tenant.rawValue, id, Timestamp.string(from: date)) { try JSONText.decode($0.string(0)) }
    }

    /// Id, state and match time from their columns.
    public func listing(program id: ProgramID, tenant: TenantID) throws -> [SessionListing] {
        try db.query("SELECT id, state, match_at FROM sessions WHERE tenant_id = ? AND program_id = ? ORDER BY match_at, id",
                     tenant.rawValue, id) { row in
            guard let state = SessionState(rawValue: row.string(1)) else {
                throw StoreError(code: .corrupt, message: "a sessions row has an unknown state")
            }
            return SessionListing(id: SessionID(row.string(0)), state: state, matchAt: try row.date(2))
        }
    }

    /// The last matched or closed ones, along `sessions_by_program` backwards.
    public func matchedSessions(program id: ProgramID, tenant: TenantID, last count: Int) throws -> [Session] {
        try db.query("""
            SELECT json FROM sessions WHERE tenant_id = ? AND program_id = ? AND state IN ('matched', 'closed')
            ORDER BY match_at DESC, id DESC LIMIT ?
            """, tenant.rawValue, id, max(0, count)) { try JSONText.decode($0.string(0)) }.reversed()
    }

    /// Pending sessions, along `sessions_by_program` (the tenant's rows, their JSON read
    /// for pending ones only).
    public func pendingSessions(tenant: TenantID) throws -> [Session] {
        try db.query("""
            SELECT json FROM sessions WHERE tenant_id = ? AND state IN ('scheduled', 'open') ORDER BY match_at, id
            """, tenant.rawValue) { try JSONText.decode($0.string(0)) }
    }

    /// Pending sessions and each program's latest: a row's JSON is read only for those;
    /// the latest is found along `sessions_by_program`.
    public func sessionsToPlan(tenant: TenantID, program: ProgramID?) throws -> [Session] {
        try db.query("""
            SELECT json FROM sessions AS s WHERE s.tenant_id = ?1 AND (?2 IS NULL OR s.program_id = ?2)
                AND (s.state IN ('scheduled', 'open') OR NOT EXISTS (
                    SELECT 1 FROM sessions AS later WHERE later.tenant_id = s.tenant_id AND later.program_id = s.program_id
                        AND (later.match_at > s.match_at OR (later.match_at = s.match_at AND later.id > s.id))))
            ORDER BY s.match_at, s.id
            """, tenant.rawValue, program?.rawValue) { try JSONText.decode($0.string(0)) }
    }

    /// Every session of the tenant, by match time.
    public func sessions(tenant: TenantID) throws -> [Session] {
        try db.query("SELECT json FROM sessions WHERE tenant_id = ? ORDER BY match_at", tenant.rawValue) {
            try JSONText.decode($0.string(0))
        }
    }

    /// Inserts a new session; `false` when the round exists already (same id).
    @discardableResult
    public func insert(_ session: Session) throws -> Bool {
        try db.execute("""
            INSERT INTO sessions (tenant_id, id, program_id, state, match_at, json) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, id) DO NOTHING
            """, session.tenantID.rawValue, session.id.rawValue, session.programID.rawValue, session.state.rawValue,
            Timestamp.string(from: session.matchAt), try JSONText.encode(session))
        return db.changes > 0
    }

    /// Replaces a stored session with its next state.
    public func update(_ session: Session) throws {
        try db.execute("UPDATE sessions SET state = ?, json = ? WHERE tenant_id = ? AND id = ?",
                       session.state.rawValue, try JSONText.encode(session), session.tenantID.rawValue, session.id.rawValue)
    }

    /// Stores a matched session's result and its groups' members (the history), stamped
    /// with when it was actually matched (the snapshot's `matchedAt`, not the scheduled
    /// `matchAt`) and the next number in the tenant's order of matching.
    public func saveResult(_ result: MatchingResult, of session: Session) throws {
        try saveResult(EncodedMatchingResult(result: result, storedText: try MatchingResultText.encode(result)), of: session)
        try discardStagedHistory(session: session.id, tenant: session.tenantID)
        try stageHistory(result, groups: result.groups.indices, of: session,
                         matchedAt: session.match?.matchedAt ?? session.updatedAt,
                         sequence: try nextMatchSequence(tenant: session.tenantID))
    }

    public func saveResult(_ result: EncodedMatchingResult, of session: Session) throws {
        try db.execute("INSERT INTO session_results (tenant_id, session_id, json) VALUES (?, ?, ?)",
                       session.tenantID, session.id, result.storedText)
    }

    public func nextMatchSequence(tenant: TenantID) throws -> Int {
        try db.queryOne("SELECT coalesce(max(match_sequence), 0) + 1 FROM match_sessions WHERE tenant_id = ?", tenant) {
            $0.int(0)
        } ?? 1
    }

    public func stageHistory(groups: some Collection<HistoryGroup>, placements: some Collection<GroupPlacement>,
                             of session: Session, matchedAt: Date, sequence: Int) throws {
        let key = Int64(try sessionKey(of: session, matchedAt: matchedAt, sequence: sequence))
        // Copied into arrays first (in bulk): the port hands any collection, and inserting
        // from one generic over it read every row through its witnesses, a copy each
        // (issue 16: a profile of a match's staging showed more of it than the bindings).
        let (groups, placements) = (Array(groups), Array(placements))
        try db.insert(groups, Self.groupRows) { group, statement, offset in
            try statement.bind(key, at: offset + 1)
            try statement.bind(Int64(group.number), at: offset + 2)
            try statement.bind(group.storedMembers, at: offset + 3)
        }
        try db.insert(placements, Self.placementRows) { placement, statement, offset in
            try statement.bind(key, at: offset + 1)
            try statement.bind(placement.member.rawValue, at: offset + 2)
            try statement.bind(Int64(placement.group), at: offset + 3)
        }
    }

    /// The statements ``stageHistory(groups:placements:of:matchedAt:sequence:)`` inserts with.
    static let groupRows = RowInsert(head: "INSERT INTO match_groups (session_key, group_no, members)", tuple: "(?, ?, ?)")
    static let placementRows = RowInsert(head: "INSERT INTO match_participants (session_key, member_id, group_no)",
                                         tuple: "(?, ?, ?)")

    /// The session's row in `match_sessions`, created or stamped with `matchedAt` and
    /// `sequence`, and its short key: what its group and member rows are keyed by (0034).
    private func sessionKey(of session: Session, matchedAt: Date, sequence: Int) throws -> Int {
        let key = try db.queryOne("""
            INSERT INTO match_sessions (tenant_id, session_id, program_id, matched_at, match_sequence) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, session_id) DO UPDATE SET matched_at = excluded.matched_at,
                                                              match_sequence = excluded.match_sequence
            RETURNING session_key
            """, session.tenantID, session.id, session.programID, Timestamp.string(from: matchedAt), sequence) { $0.int(0) }
        guard let key else { throw StoreError(code: .misuse, message: "no history row for session '\(session.id.rawValue)'") }
        return key
    }

    public func discardStagedHistory(session id: SessionID, tenant: TenantID) throws {
        let staged = try db.queryOne("""
            SELECT session_key FROM match_sessions WHERE tenant_id = ?1 AND session_id = ?2
            AND NOT EXISTS (SELECT 1 FROM session_results r WHERE r.tenant_id = ?1 AND r.session_id = ?2)
            """, tenant, id) { $0.int(0) }
        guard let staged else { return }
        for table in ["match_participants", "match_groups", "match_sessions"] {
            try db.execute("DELETE FROM \(table) WHERE session_key = ?", staged)
        }
    }

    public func groups(of member: MemberID, tenant: TenantID, limit: Int) throws -> [MatchedGroup] {
        // Session by session, most recently matched first: one probe of each session's
        // participants (no index by member: issue 16).
        let own = try db.query("""
            SELECT s.session_id, s.program_id, p.group_no, s.matched_at, g.members
            FROM match_sessions s
            JOIN match_participants p ON p.session_key = s.session_key AND p.member_id = ?2
            JOIN match_groups g ON g.session_key = s.session_key AND g.group_no = p.group_no
            WHERE s.tenant_id = ?1 AND s.session_id IN (SELECT session_id FROM session_results WHERE tenant_id = ?1)
            ORDER BY s.match_sequence DESC, s.matched_at DESC LIMIT ?3
            """, tenant, member, limit) { ($0.string(0), $0.string(1), $0.int(2), try $0.date(3), $0.string(4)) }
        return own.map { session, program, number, matchedAt, members in
            MatchedGroup(sessionID: SessionID(session), programID: ProgramID(program), number: number, matchedAt: matchedAt,
                         members: HistoryGroup.members(stored: members).map { MemberID($0.rawValue) }
                            .sorted { GroupPlacement.bytesPrecede($0.rawValue, $1.rawValue) })
        }
    }

    /// A matched session's result, or `nil`.
    public func result(session id: SessionID, tenant: TenantID) throws -> MatchingResult? {
        try db.queryOne("SELECT json FROM session_results WHERE tenant_id = ? AND session_id = ?", tenant.rawValue, id) {
            try JSONText.decode($0.string(0))
        }
    }

    /// Along `match_sessions` (the program's rows, latest sequence first) to the first
    /// committed result.
    public func latestResult(program id: ProgramID, tenant: TenantID) throws -> MatchingResult? {
        try db.queryOne("""
            SELECT r.json FROM match_sessions m
            JOIN session_results r ON r.tenant_id = m.tenant_id AND r.session_id = m.session_id
            WHERE m.tenant_id = ? AND m.program_id = ? ORDER BY m.match_sequence DESC, m.matched_at DESC LIMIT 1
            """, tenant.rawValue, id) { try JSONText.decode($0.string(0)) }
    }

    /// The members of a matched session marked unavailable since (deprovisioned).
    public func unavailableMembers(session id: SessionID, tenant: TenantID) throws -> Set<String> {
        Set(try db.query("""
            SELECT member_id FROM match_participants
            WHERE session_key = (SELECT session_key FROM match_sessions WHERE tenant_id = ? AND session_id = ?) AND unavailable = 1
            """, tenant.rawValue, id) { $0.string(0) })
    }

    /// Marks `memberID` unavailable in every matched session it took part in.
    public func markUnavailable(member memberID: MemberID, tenant: TenantID) throws {
        try db.execute("""
            UPDATE match_participants SET unavailable = 1
            WHERE session_key IN (SELECT session_key FROM match_sessions WHERE tenant_id = ?1) AND member_id = ?2
            """, tenant.rawValue, memberID)
    }

    /// The groups of the last `count` sessions matched, most recently matched first, in
    /// the order they were actually matched (whatever their scheduled times): of program
    /// `programID`, or of every program of the tenant when it is `nil`. `excluding` is the
    /// session about to be matched, never its own history.
    public func history(program programID: ProgramID?, tenant: TenantID, sessions count: Int,
                               excluding sessionID: SessionID?) throws -> [[[ParticipantID]]] {
        guard count > 0 else { return [] }
        // The sessions first, then each one's groups along the primary key: one query
        // joining them sorted every group row of the window in a temporary B-tree.
        let sessions = try db.query("""
            SELECT session_key FROM match_sessions s
            WHERE tenant_id = ?1 AND (?2 IS NULL OR program_id = ?2) AND session_id IS NOT ?3
            AND session_id IN (SELECT session_id FROM session_results WHERE tenant_id = ?1)
            AND EXISTS (SELECT 1 FROM match_groups g WHERE g.session_key = s.session_key)
            ORDER BY match_sequence DESC, matched_at DESC, session_id LIMIT ?4
            """, tenant.rawValue, programID, sessionID, count) { $0.int(0) }
        return try sessions.map { session in
            try db.query("SELECT members FROM match_groups WHERE session_key = ? ORDER BY group_no", session) {
                HistoryGroup.members(stored: $0.string(0))
            }
        }
    }

    /// What a session's selection depends on besides its members: the session itself, the
    /// number of program preferences and, when asked, the tenant's latest group change.
    public func selectionFingerprint(tenant: TenantID, session id: SessionID, includingGroups: Bool) throws -> String {
        try db.queryOne("""
            SELECT CASE WHEN ?3 THEN coalesce((SELECT max(last_modified) FROM scim_resources
                                               WHERE tenant_id = ?1 AND resource_type = 'Group'), '') ELSE '' END || '|' ||
                   coalesce((SELECT json FROM sessions WHERE tenant_id = ?1 AND id = ?2), '') || '|' ||
                   (SELECT count(*) FROM program_preferences WHERE tenant_id = ?1)
            """, tenant.rawValue, id, includingGroups) { $0.string(0) } ?? ""
    }
}

extension StoreSchema {
    /// 0006: programs, their sessions, and who met whom.
    ///
    /// - `programs` and `sessions` keep the domain values as JSON (`Program` and `Session`
    ///   are `Codable`), with the columns queries need beside them. A session's id is its
    ///   natural key (program and match time): the scheduler inserting the same round twice
    ///   hits the primary key, so a round exists at most once.
    /// - `session_results`: the engine's full result of a matched session (groups, scores,
    ///   rules satisfied, unmatched with reasons, statistics, seed and configuration), so a
    ///   run can be reviewed and reproduced. Never updated after matching.
    /// - `session_members`: one row per matched member (its group number), the history the
    ///   engine reads for repeat avoidance, and where a member deprovisioned later is marked
    ///   `unavailable` (the only change a matched session accepts).
    /// - `program_preferences`: a member who left a program or snoozed it.
    static let programs = Migration("0006_programs_sessions", sql: """
        CREATE TABLE programs (
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (tenant_id, id)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE sessions (
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            program_id TEXT NOT NULL,
            state TEXT NOT NULL,
            match_at TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (tenant_id, id),
            FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;

        CREATE INDEX sessions_by_program ON sessions (tenant_id, program_id, match_at);
        CREATE INDEX sessions_pending ON sessions (match_at) WHERE state IN ('scheduled', 'open');

        CREATE TABLE session_results (
            tenant_id TEXT NOT NULL,
            session_id TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (tenant_id, session_id),
            FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE session_members (
            tenant_id TEXT NOT NULL,
            session_id TEXT NOT NULL,
            program_id TEXT NOT NULL,
            match_at TEXT NOT NULL,
            group_no INTEGER NOT NULL,
            member_id TEXT NOT NULL,
            unavailable INTEGER NOT NULL DEFAULT 0 CHECK (unavailable IN (0, 1)),
            PRIMARY KEY (tenant_id, session_id, member_id),
            FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;

        CREATE INDEX session_members_by_member ON session_members (tenant_id, member_id);
        CREATE INDEX session_members_by_program ON session_members (tenant_id, program_id, match_at);

        CREATE TABLE program_preferences (
            tenant_id TEXT NOT NULL,
            program_id TEXT NOT NULL,
            member_id TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (tenant_id, program_id, member_id),
            FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;
        """)
}

extension StoreSchema {
    /// 0012: history follows what was actually matched. `session_members.matched_at` is
    /// when the session's groups were committed (not its scheduled `match_at`: a session
    /// matched early is history from then on), and `match_sequence` numbers the matched
    /// sessions of a tenant in the order they were matched (two runs in the same
    /// millisecond stay ordered). Existing rows take the snapshot's `matchedAt`, or the
    /// scheduled time when a snapshot has none.
    static let matchedHistory = Migration("0012_session_members_matched_at", sql: """
        ALTER TABLE session_members ADD COLUMN matched_at TEXT NOT NULL DEFAULT '';
        ALTER TABLE session_members ADD COLUMN match_sequence INTEGER NOT NULL DEFAULT 0;
        UPDATE session_members SET matched_at = coalesce(
            (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', json_extract(s.json, '$.match.matchedAt')) FROM sessions s
             WHERE s.tenant_id = session_members.tenant_id AND s.id = session_members.session_id),
            match_at);
        UPDATE session_members SET match_sequence = ordered.sequence FROM (
            SELECT tenant_id, session_id, row_number() OVER (PARTITION BY tenant_id ORDER BY min(matched_at), session_id) AS sequence
            FROM session_members GROUP BY tenant_id, session_id) AS ordered
        WHERE ordered.tenant_id = session_members.tenant_id AND ordered.session_id = session_members.session_id;
        CREATE INDEX session_members_by_sequence ON session_members (tenant_id, program_id, match_sequence);
        """)

    /// 0013: what a large session's match needs to commit without holding the writer
    /// (issue 16).
    ///
    /// - `members_by_update`: a matcher commits a result read from a snapshot after
    ///   checking only the members changed since (under continuous provisioning, a
    ///   whole-tenant fingerprint changed on every attempt and a session was never matched).
    /// - `outbox_gates` and `outbox.gate`: events appended behind a closed gate are
    ///   neither delivered nor listed until it opens; a session's introductions are
    ///   appended in short transactions and released by opening one row.
    static let stagedMatching = Migration("0013_staged_matching", sql: """
        CREATE INDEX members_by_update ON members (tenant_id, updated_at);

        CREATE TABLE outbox_gates (
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            opened_at TEXT,
            PRIMARY KEY (tenant_id, id)
        ) STRICT, WITHOUT ROWID;

        ALTER TABLE outbox ADD COLUMN gate TEXT;
        CREATE INDEX outbox_by_gate ON outbox (tenant_id, gate) WHERE gate IS NOT NULL;
        CREATE INDEX session_members_by_session ON session_members (tenant_id, session_id);
        """)
}

extension StoreSchema {
    /// 0030: one history row per group (issue 16). A whole-session match of 100,000 members
    /// wrote 100,000 `session_members` rows, each repeating its session's program and times,
    /// into three B-trees keyed by long texts (the primary key, `session_members_by_member`,
    /// `session_members_by_sequence`): most of the second its staging took.
    ///
    /// - `match_sessions`: one row per matched (or staged) session, its program, when it was
    ///   matched and its number in the tenant's order of matching; the history's sessions
    ///   are found by `match_sessions_by_sequence`.
    /// - `match_groups`: one row per group, its members' ids in one column separated by
    ///   U+001F (``HistoryGroup/storedMembers``): what the engine's repeat avoidance reads.
    /// - `match_participants`: what finds a member's groups and marks them unavailable, keyed
    ///   by (tenant, session, member) only — a member's groups are found session by session
    ///   along `match_sessions_by_sequence`, so no second index by member is kept.
    ///
    /// Existing `session_members` rows are carried over, then the table goes.
    static let groupHistory = Migration("0030_group_history", sql: """
        CREATE TABLE match_sessions (
            tenant_id TEXT NOT NULL,
            session_id TEXT NOT NULL,
            program_id TEXT NOT NULL,
            matched_at TEXT NOT NULL,
            match_sequence INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, session_id),
            FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX match_sessions_by_sequence ON match_sessions (tenant_id, match_sequence);

        CREATE TABLE match_groups (
            tenant_id TEXT NOT NULL,
            session_id TEXT NOT NULL,
            group_no INTEGER NOT NULL,
            members TEXT NOT NULL,
            PRIMARY KEY (tenant_id, session_id, group_no),
            FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE match_participants (
            tenant_id TEXT NOT NULL,
            session_id TEXT NOT NULL,
            member_id TEXT NOT NULL,
            group_no INTEGER NOT NULL,
            unavailable INTEGER NOT NULL DEFAULT 0 CHECK (unavailable IN (0, 1)),
            PRIMARY KEY (tenant_id, session_id, member_id),
            FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;

        INSERT INTO match_sessions (tenant_id, session_id, program_id, matched_at, match_sequence)
        SELECT tenant_id, session_id, min(program_id), max(matched_at), max(match_sequence)
        FROM session_members GROUP BY tenant_id, session_id;
        INSERT INTO match_groups (tenant_id, session_id, group_no, members)
        SELECT tenant_id, session_id, group_no, group_concat(member_id, char(31)) FROM (
            SELECT tenant_id, session_id, group_no, member_id FROM session_members
            ORDER BY tenant_id, session_id, group_no, member_id)
        GROUP BY tenant_id, session_id, group_no;
        INSERT INTO match_participants (tenant_id, session_id, member_id, group_no, unavailable)
        SELECT tenant_id, session_id, member_id, group_no, unavailable FROM session_members;
        DROP TABLE session_members;
        """)
}

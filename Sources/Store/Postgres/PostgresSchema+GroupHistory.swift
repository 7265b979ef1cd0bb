extension PostgresSchema {
    /// 0030: one history row per group (issue 16), as SQLite's `StoreSchema.groupHistory`:
    /// `match_sessions` (one row per session, found by `match_sessions_by_sequence`),
    /// `match_groups` (one row per group, its members' ids separated by U+001F) and
    /// `match_participants` (a member's groups, keyed by tenant, session and member), the
    /// `session_members` rows carried over, then that table dropped.
    static let groupHistory = Migration("0030_group_history", sql: """
        CREATE TABLE match_sessions (
            tenant_id text NOT NULL,
            session_id text NOT NULL,
            program_id text NOT NULL,
            matched_at timestamptz NOT NULL,
            match_sequence bigint NOT NULL,
            PRIMARY KEY (tenant_id, session_id),
            FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
        );
        CREATE INDEX match_sessions_by_sequence ON match_sessions (tenant_id, match_sequence);

        CREATE TABLE match_groups (
            tenant_id text NOT NULL,
            session_id text NOT NULL,
            group_no integer NOT NULL,
            members text NOT NULL,
            PRIMARY KEY (tenant_id, session_id, group_no),
            FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
        );

        CREATE TABLE match_participants (
            tenant_id text NOT NULL,
            session_id text NOT NULL,
            member_id text NOT NULL,
            group_no integer NOT NULL,
            unavailable boolean NOT NULL DEFAULT false,
            PRIMARY KEY (tenant_id, session_id, member_id),
            FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
        );

        INSERT INTO match_sessions (tenant_id, session_id, program_id, matched_at, match_sequence)
        SELECT tenant_id, session_id, min(program_id), max(matched_at), max(match_sequence)
        FROM session_members GROUP BY tenant_id, session_id;
        INSERT INTO match_groups (tenant_id, session_id, group_no, members)
        SELECT tenant_id, session_id, group_no, string_agg(member_id, chr(31) ORDER BY member_id COLLATE "C")
        FROM session_members GROUP BY tenant_id, session_id, group_no;
        INSERT INTO match_participants (tenant_id, session_id, member_id, group_no, unavailable)
        SELECT tenant_id, session_id, member_id, group_no, unavailable FROM session_members;
        DROP TABLE session_members;
        """)
}

extension StoreSchema {
    /// 0034: a short session key in the history rows (issue 16). A whole-session match of
    /// 100,000 members staged 50,000 `match_groups` and 100,000 `match_participants` rows,
    /// each starting with the 36-character tenant id and the 47-character session id (the
    /// primary key of these `WITHOUT ROWID` tables): about 40 of the 73 MiB staged.
    ///
    /// - `match_sessions` gets `session_key`, an integer primary key (its rowid), and stays
    ///   unique by (tenant, session): the one place the long ids are stored.
    /// - `match_groups` is keyed by (`session_key`, `group_no`), `match_participants` by
    ///   (`session_key`, `member_id`); both cascade from `match_sessions`, which cascades
    ///   from `sessions` (a program's or a tenant's deletion takes the history along).
    ///
    /// Existing rows are carried over (a group or member row without its session row,
    /// which no reader found, is dropped), then the tables of 0030 go.
    static let sessionKeys = Migration("0034_session_keys", sql: """
        DROP INDEX match_sessions_by_sequence;
        ALTER TABLE match_participants RENAME TO match_participants_0030;
        ALTER TABLE match_groups RENAME TO match_groups_0030;
        ALTER TABLE match_sessions RENAME TO match_sessions_0030;

        CREATE TABLE match_sessions (
            session_key INTEGER PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            session_id TEXT NOT NULL,
            program_id TEXT NOT NULL,
            matched_at TEXT NOT NULL,
            match_sequence INTEGER NOT NULL,
            UNIQUE (tenant_id, session_id),
            FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
        ) STRICT;
        CREATE INDEX match_sessions_by_sequence ON match_sessions (tenant_id, match_sequence);

        CREATE TABLE match_groups (
            session_key INTEGER NOT NULL REFERENCES match_sessions (session_key) ON DELETE CASCADE,
            group_no INTEGER NOT NULL,
            members TEXT NOT NULL,
            PRIMARY KEY (session_key, group_no)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE match_participants (
            session_key INTEGER NOT NULL REFERENCES match_sessions (session_key) ON DELETE CASCADE,
            member_id TEXT NOT NULL,
            group_no INTEGER NOT NULL,
            unavailable INTEGER NOT NULL DEFAULT 0 CHECK (unavailable IN (0, 1)),
            PRIMARY KEY (session_key, member_id)
        ) STRICT, WITHOUT ROWID;

        INSERT INTO match_sessions (tenant_id, session_id, program_id, matched_at, match_sequence)
        SELECT tenant_id, session_id, program_id, matched_at, match_sequence FROM match_sessions_0030
        ORDER BY tenant_id, match_sequence, session_id;
        INSERT INTO match_groups (session_key, group_no, members)
        SELECT s.session_key, g.group_no, g.members FROM match_groups_0030 g
        JOIN match_sessions s ON s.tenant_id = g.tenant_id AND s.session_id = g.session_id;
        INSERT INTO match_participants (session_key, member_id, group_no, unavailable)
        SELECT s.session_key, p.member_id, p.group_no, p.unavailable FROM match_participants_0030 p
        JOIN match_sessions s ON s.tenant_id = p.tenant_id AND s.session_id = p.session_id;
        DROP TABLE match_participants_0030;
        DROP TABLE match_groups_0030;
        DROP TABLE match_sessions_0030;
        """)
}

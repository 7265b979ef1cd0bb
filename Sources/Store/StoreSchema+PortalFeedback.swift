extension StoreSchema {
    /// 0015: the Member Portal's reusable email links and "Did you meet?" answers (issue 12).
    ///
    /// - `portal_member_links`: links that act for one member without a session (a
    ///   feedback question about one group, an unsubscribe link), by SHA-256 of their
    ///   token, bound to their tenant and member, reusable until `expires_at`.
    /// - `meeting_feedback`: one answer per member per matched group.
    /// - `portal_signups`: a sign-up form waiting for its address to be confirmed (no
    ///   member exists yet), by SHA-256 of the emailed link's token, used once.
    static let portalFeedback = Migration("0015_portal_feedback", sql: """
        CREATE TABLE portal_member_links (
            token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
            purpose TEXT NOT NULL CHECK (purpose IN ('feedback', 'unsubscribe')),
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            member_id TEXT NOT NULL,
            subject TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE meeting_feedback (
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL,
            group_number INTEGER NOT NULL,
            member_id TEXT NOT NULL,
            answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'not-yet')),
            rating INTEGER CHECK (rating BETWEEN 1 AND 5),
            answered_at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, session_id, group_number, member_id),
            FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;

        CREATE INDEX meeting_feedback_by_member ON meeting_feedback (tenant_id, member_id);

        CREATE TABLE portal_signups (
            token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            link_id TEXT NOT NULL,
            email TEXT NOT NULL,
            given_name TEXT NOT NULL,
            family_name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        ) STRICT, WITHOUT ROWID;
        """)
}

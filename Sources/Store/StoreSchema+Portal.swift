extension StoreSchema {
    /// 0014: the Member Portal's secrets (issue 12), stored as SHA-256 only.
    ///
    /// - `portal_links`: single-use sign-in links; `used_at` spends one.
    /// - `portal_sessions`: a signed-in member's session behind an opaque cookie, with
    ///   the CSRF token its forms carry; `revoked_at` ends it before `expires_at`.
    /// - `members_live_by_email`: a sign-in request finds its members in any tenant.
    static let portal = Migration("0014_portal", sql: """
        CREATE TABLE portal_links (
            token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            member_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT,
            FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE portal_sessions (
            id_hash BLOB PRIMARY KEY CHECK (length(id_hash) = 32),
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            member_id TEXT NOT NULL,
            csrf_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            revoked_at TEXT,
            FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;

        CREATE INDEX portal_sessions_by_member ON portal_sessions (tenant_id, member_id);
        CREATE INDEX members_live_by_email ON members (email_folded) WHERE lifecycle = 'live';
        """)
}

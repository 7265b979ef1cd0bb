extension StoreSchema {
    /// 0018: the admin console (issue 13), secrets stored as SHA-256 only.
    ///
    /// - `console_admins`: each organisation's console addresses and their role
    ///   (`administrator` or `program-manager`); a magic link goes only to these.
    /// - `console_links`: single-use sign-in links; `used_at` spends one.
    /// - `console_sessions`: a signed-in session behind an opaque cookie, with its role,
    ///   the address that signed in (none for an admin-token sign-in) and the CSRF token
    ///   its forms carry; `revoked_at` ends it before `expires_at`.
    static let console = Migration("0018_console", sql: """
        CREATE TABLE console_admins (
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            email_folded TEXT NOT NULL,
            email TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('administrator', 'program-manager')),
            added_at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, email_folded)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX console_admins_by_email ON console_admins (email_folded);

        CREATE TABLE console_links (
            token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            email_folded TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE console_sessions (
            id_hash BLOB PRIMARY KEY CHECK (length(id_hash) = 32),
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('administrator', 'program-manager')),
            email TEXT,
            csrf_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            revoked_at TEXT
        ) STRICT, WITHOUT ROWID;
        """)
}

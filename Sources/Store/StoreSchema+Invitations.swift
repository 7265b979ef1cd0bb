extension StoreSchema {
    /// 0005: email invitations and the tenants' sign-up links (seed README, "Invitations").
    ///
    /// - `invitations`: one row per invited member (`UNIQUE (tenant_id, member_id)`),
    ///   `pending` until accepted, then `registered` with `accepted_at`. The acceptance
    ///   token is never stored: `token_hash` is its SHA-256, unique across tenants, which
    ///   is how the public accept endpoint finds the invitation (and its tenant). `seq`
    ///   is the list order.
    /// - `invitation_links`: a tenant's shareable sign-up links, by SHA-256 of their
    ///   token; `revoked_at` closes one (creating a new link revokes the previous ones).
    static let invitations = Migration("0005_invitations", sql: """
        CREATE TABLE invitations (
            seq INTEGER PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            member_id TEXT NOT NULL,
            email TEXT NOT NULL,
            token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
            status TEXT NOT NULL CHECK (status IN ('pending', 'registered')),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            accepted_at TEXT,
            CHECK ((status = 'registered') = (accepted_at IS NOT NULL)),
            FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
        ) STRICT;

        CREATE UNIQUE INDEX invitations_by_member ON invitations (tenant_id, member_id);

        CREATE TABLE invitation_links (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
            created_at TEXT NOT NULL,
            revoked_at TEXT
        ) STRICT;

        CREATE INDEX invitation_links_by_tenant ON invitation_links (tenant_id, created_at);
        """)
}

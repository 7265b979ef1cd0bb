/// The Store's schema, as numbered migrations. Append new ones; never edit or reorder a
/// migration that has shipped.
public enum StoreSchema {
    /// Every migration, in order.
    public static let migrations: [Migration] = [
        tenantsAndTokens,
        scimResources,
        memberDisplay,
        members,
        invitations,
        programs,
        categoryCatalogs,
        outboxLeases,
        categoryValues,
        nfcFolding,
        storageProbe,
        matchedHistory,
        stagedMatching,
        portal,
        // issue 12 (portal2): 0015
        portalFeedback,
        // issue 15 (extensions2): 0016
        extensionSchemas,
        // Issue 15 (provisioning log): 0017.
        provisioningLog,
        // issue 13 (console): 0018
        console,
        importRuns,
        connections,
        // issue 10 (scimperf): 0026
        writeIndexes,
        // issue 13 (console-b, program owners): 0021, after 0026, which databases may
        // already have applied (the applied list must stay a prefix of this one)
        programOwners,
        // issue 14 (connectors): 0023
        syncMarks,
        // issue 11 (pgmember): 0027
        groupChanges,
        // issue 16 (matchperf2): 0028
        historyIndexes,
        // issue 16 (matchperf4): 0030
        groupHistory,
        // issue 11 (pgperf2): 0031
        hotTenantKeys,
        // issue 11 (pgperf3): 0033
        memberOrder,
        // issue 16 (matchperf6): 0034
        sessionKeys,
        // issue 11 (pgperf4): 0035
        unkeyedGroupChanges,
        // issue 11 (pgperf5): 0037
        memberNames,
        // issue 10 (console sessions end with their credential): 0038
        consoleSessionTokens,
    ]

    /// The migrator for `migrations`.
    public static let migrator = Migrator(migrations)

    /// 0001: tenants, and the bearer tokens that belong to them. STRICT tables; tokens
    /// are found by their SHA-256 (the UNIQUE constraint is the lookup index).
    static let tenantsAndTokens = Migration("0001_tenants_and_tokens", sql: """
        CREATE TABLE tenants (
            id TEXT PRIMARY KEY,
            name TEXT UNIQUE NOT NULL CHECK (length(name) > 0),
            created_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE tokens (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            kind TEXT NOT NULL CHECK (kind IN ('scim', 'admin')),
            hash BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
            label TEXT,
            created_at TEXT NOT NULL,
            last_used_at TEXT,
            revoked_at TEXT
        ) STRICT;

        CREATE INDEX tokens_by_tenant ON tokens (tenant_id, created_at);
        """)

    /// 0002: SCIM Users and Groups, their emails and group memberships.
    ///
    /// - `scim_resources` holds both types: members may be Users or Groups, so one table
    ///   gives one foreign-key target and one id space per tenant. `seq` (the rowid) is the
    ///   stable list order; `(tenant_id, id)` is unique and is what every lookup uses.
    ///   The indexed columns are copies of attributes in `json` (the stored resource
    ///   without `id`, `meta`, `members` and `groups`): `*_folded` are Swift-lowercased,
    ///   for case-insensitive filters and uniqueness; `created`/`last_modified` are
    ///   fixed-width UTC text (`Timestamp`), so text order is time order.
    /// - Partial unique indexes: `userName` per tenant for Users (a NULL never collides,
    ///   so Groups need no predicate), `displayName` per tenant for Groups only. Queries
    ///   that should use a partial index spell `resource_type = 'Group'` as a literal.
    /// - `scim_emails`: one row per element of a User's `emails`, keyed by `resource_seq`
    ///   (an integer, cheaper than the text id), `type` lower-cased.
    /// - `scim_group_members`: membership is its own table, so adding one member to a
    ///   group of 10,000 inserts one row. Both ends cascade on delete.
    /// - `scim_resource_counts`: rows per tenant and type, kept by triggers, so an
    ///   unfiltered list does not count 100,000 index entries per page; and deletions so
    ///   far, which tell a remembered page position whether it still holds
    ///   (`OrderIndexCache`).
    static let scimResources = Migration("0002_scim_resources", sql: """
        CREATE TABLE scim_resources (
            seq INTEGER PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            resource_type TEXT NOT NULL CHECK (resource_type IN ('User', 'Group')),
            external_id TEXT,
            user_name TEXT,
            user_name_folded TEXT,
            display_name TEXT,
            display_name_folded TEXT,
            active INTEGER CHECK (active IN (0, 1)),
            version INTEGER NOT NULL CHECK (version >= 1),
            created TEXT NOT NULL,
            last_modified TEXT NOT NULL,
            json TEXT NOT NULL,
            CHECK ((resource_type = 'User') = (user_name_folded IS NOT NULL)),
            CHECK (resource_type = 'User' OR display_name_folded IS NOT NULL)
        ) STRICT;

        CREATE UNIQUE INDEX scim_resources_by_id ON scim_resources (tenant_id, id);
        -- Every index ends with the rowid, so this one also gives (tenant, type, seq) order.
        CREATE INDEX scim_resources_by_type ON scim_resources (tenant_id, resource_type);
        CREATE UNIQUE INDEX scim_users_by_user_name ON scim_resources (tenant_id, user_name_folded);
        CREATE UNIQUE INDEX scim_groups_by_display_name ON scim_resources (tenant_id, display_name_folded)
            WHERE resource_type = 'Group';
        CREATE INDEX scim_users_by_display_name ON scim_resources (tenant_id, display_name_folded)
            WHERE resource_type = 'User';
        CREATE INDEX scim_resources_by_external_id ON scim_resources (tenant_id, resource_type, external_id)
            WHERE external_id IS NOT NULL;

        CREATE TABLE scim_emails (
            resource_seq INTEGER NOT NULL REFERENCES scim_resources(seq) ON DELETE CASCADE,
            tenant_id TEXT NOT NULL,
            value TEXT,
            value_folded TEXT,
            type TEXT,
            is_primary INTEGER CHECK (is_primary IN (0, 1))
        ) STRICT;

        CREATE INDEX scim_emails_by_value ON scim_emails (tenant_id, value_folded);
        CREATE INDEX scim_emails_by_resource ON scim_emails (resource_seq);

        CREATE TABLE scim_group_members (
            tenant_id TEXT NOT NULL,
            group_id TEXT NOT NULL,
            member_id TEXT NOT NULL,
            member_type TEXT NOT NULL CHECK (member_type IN ('User', 'Group')),
            PRIMARY KEY (tenant_id, group_id, member_id),
            FOREIGN KEY (tenant_id, group_id) REFERENCES scim_resources (tenant_id, id) ON DELETE CASCADE,
            FOREIGN KEY (tenant_id, member_id) REFERENCES scim_resources (tenant_id, id) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;

        CREATE INDEX scim_group_members_by_member ON scim_group_members (tenant_id, member_id);

        CREATE TABLE scim_resource_counts (
            tenant_id TEXT NOT NULL,
            resource_type TEXT NOT NULL,
            count INTEGER NOT NULL,
            deletions INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (tenant_id, resource_type)
        ) STRICT, WITHOUT ROWID;

        CREATE TRIGGER scim_resources_counted_in AFTER INSERT ON scim_resources BEGIN
            INSERT INTO scim_resource_counts (tenant_id, resource_type, count)
                VALUES (NEW.tenant_id, NEW.resource_type, 1)
                ON CONFLICT (tenant_id, resource_type) DO UPDATE SET count = count + 1;
        END;

        CREATE TRIGGER scim_resources_counted_out AFTER DELETE ON scim_resources BEGIN
            UPDATE scim_resource_counts SET count = count - 1, deletions = deletions + 1
                WHERE tenant_id = OLD.tenant_id AND resource_type = OLD.resource_type;
        END;
        """)

    /// 0003: the `display` a client sent with a member (RFC 7643 §4.2 `members.display`),
    /// kept as given and returned as given; when a client sends none, the member's current
    /// `displayName` (or `userName`) is returned instead.
    static let memberDisplay = Migration("0003_member_display", sql: """
        ALTER TABLE scim_group_members ADD COLUMN display TEXT;
        """)
}

extension StoreSchema {
    /// 0004: the domain's rows, written in the same transactions as the SCIM resources.
    ///
    /// - `tenant_settings`: one JSON document per tenant (``TenantSettingsRecord``);
    ///   absent means the defaults.
    /// - `members`: one row per member, live or not. A deprovisioned member keeps its row
    ///   (its SCIM resource is gone); purge blanks its personal columns. `seq` is the stable
    ///   list order; `email_folded` is the lower-cased primary address, which CSV imports
    ///   upsert by; `categories` is a JSON object of value arrays by category key.
    /// - `categories`: each tenant's category catalog, in display order (`position`).
    /// - `outbox`: events, appended in the transaction of the change that caused them and
    ///   never twice (`UNIQUE (tenant_id, subject, idempotency_key)`: a key names its
    ///   subject, so this is the key's uniqueness, and the same index finds a member's or a
    ///   session's events — one random-order index per event instead of two, which matters
    ///   to every SCIM write's WAL size). `channel = 'email'` rows are
    ///   the deliverer's work list (partial index `outbox_due`); others are records.
    static let members = Migration("0004_members_categories_outbox", sql: """
        CREATE TABLE tenant_settings (
            tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
            json TEXT NOT NULL
        ) STRICT;

        CREATE TABLE members (
            seq INTEGER PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            external_id TEXT,
            user_name TEXT NOT NULL,
            email_folded TEXT,
            given_name TEXT NOT NULL,
            family_name TEXT NOT NULL,
            display_name TEXT,
            emails TEXT NOT NULL,
            locale TEXT,
            time_zone TEXT,
            categories TEXT NOT NULL,
            source TEXT NOT NULL,
            idp_active INTEGER NOT NULL CHECK (idp_active IN (0, 1)),
            local_status TEXT NOT NULL CHECK (local_status IN ('pending', 'active', 'inactive')),
            inactive_reason TEXT,
            lifecycle TEXT NOT NULL CHECK (lifecycle IN ('live', 'deprovisioned', 'purged')),
            snoozed_until TEXT,
            welcome_requested_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deprovisioned_at TEXT,
            version INTEGER NOT NULL CHECK (version >= 1)
        ) STRICT;

        CREATE UNIQUE INDEX members_by_id ON members (tenant_id, id);
        CREATE INDEX members_by_email ON members (tenant_id, email_folded) WHERE lifecycle = 'live';
        CREATE INDEX members_deprovisioned ON members (deprovisioned_at) WHERE lifecycle = 'deprovisioned';

        CREATE TABLE categories (
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            position INTEGER NOT NULL,
            label TEXT NOT NULL,
            type TEXT NOT NULL,
            source TEXT NOT NULL,
            read_only INTEGER NOT NULL CHECK (read_only IN (0, 1)),
            member_editable INTEGER NOT NULL CHECK (member_editable IN (0, 1)),
            known_values TEXT NOT NULL,
            PRIMARY KEY (tenant_id, key)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            idempotency_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN ('email', 'none')),
            payload TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            delivered_at TEXT,
            failed_at TEXT,
            last_error TEXT,
            UNIQUE (tenant_id, subject, idempotency_key)
        ) STRICT;

        CREATE INDEX outbox_due ON outbox (next_attempt_at)
            WHERE channel = 'email' AND delivered_at IS NULL AND failed_at IS NULL;
        CREATE INDEX outbox_by_tenant ON outbox (tenant_id, seq);
        """)

    /// 0007: `category_catalogs`, the tenants whose catalog was ever stored, so that a
    /// catalog emptied by deleting every category stays empty: without a row in
    /// `categories` a tenant used to get ``CategoryCatalog/identityProviderDefaults``
    /// back, the deleted categories with them. Tenants with categories already have one.
    static let categoryCatalogs = Migration("0007_category_catalogs", sql: """
        CREATE TABLE category_catalogs (
            tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE
        ) STRICT;
        INSERT INTO category_catalogs (tenant_id) SELECT DISTINCT tenant_id FROM categories;
        """)

    /// 0009: a category's known values as rows of `category_values`, one per value and
    /// unique by its folded spelling, in order of arrival (`rowid`). Absorbing the values
    /// a write brings is then an `INSERT OR IGNORE` per value, instead of reading the
    /// whole catalog (every value ever seen) and rewriting it whenever one was new. The
    /// values move out of `categories.known_values` (a JSON array), folded with
    /// `percolator_fold` as ``Category`` folds them.
    static let categoryValues = Migration("0009_category_values", sql: """
        CREATE TABLE category_values (
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            folded TEXT NOT NULL,
            value TEXT NOT NULL,
            UNIQUE (tenant_id, key, folded)
        ) STRICT;
        INSERT OR IGNORE INTO category_values (tenant_id, key, folded, value)
            SELECT c.tenant_id, c.key, percolator_fold(j.value), j.value
            FROM categories c, json_each(c.known_values) j
            WHERE c.type <> 'text' AND j.type = 'text'
            ORDER BY c.tenant_id, c.key, j.key;
        ALTER TABLE categories DROP COLUMN known_values;
        """)
}

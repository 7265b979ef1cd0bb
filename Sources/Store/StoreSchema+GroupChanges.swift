extension StoreSchema {
    /// 0027: PostgreSQL's table of group membership changes (`PostgresSchema.groupChanges`),
    /// here so both databases keep one history. SQLite's single writer bumps a group's
    /// row and never fills it; its versions read the row alone.
    static let groupChanges = Migration("0027_group_changes", sql: """
        CREATE TABLE scim_resource_changes (
            change_id INTEGER PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            resource_seq INTEGER NOT NULL REFERENCES scim_resources(seq) ON DELETE CASCADE,
            changed_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX scim_resource_changes_by_resource ON scim_resource_changes (resource_seq, changed_at);
        """)
}

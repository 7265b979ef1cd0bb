extension PostgresSchema {
    /// 0026: fewer index entries per SCIM write (as SQLite's `StoreSchema.writeIndexes`):
    /// `members_by_email` goes (`members_live_by_email` answers its lookups), and the
    /// provisioning log's outcome index keeps the failures only.
    static let writeIndexes = Migration("0026_write_indexes", sql: """
        DROP INDEX members_by_email;
        DROP INDEX provisioning_log_by_outcome;
        CREATE INDEX provisioning_log_failures ON provisioning_log (tenant_id, occurred_at, id COLLATE "C")
            WHERE outcome = 'failure';
        """)
}

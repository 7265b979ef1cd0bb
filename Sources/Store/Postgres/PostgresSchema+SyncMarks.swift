extension PostgresSchema {
    /// 0023 (issue 14, connectors): a link's sync mark (as SQLite's `StoreSchema.syncMarks`).
    static let syncMarks = Migration("0023_source_link_sync_marks", sql: """
        ALTER TABLE source_links ADD COLUMN fingerprint text;
        ALTER TABLE source_links ADD COLUMN synced_version bigint;
        """)
}

extension StoreSchema {
    /// 0023 (issue 14, connectors): a link's sync mark — the listed person's fingerprint
    /// and the member's version when a run last applied them — so an unchanged person is
    /// recognised on the next run without loading the member.
    static let syncMarks = Migration("0023_source_link_sync_marks", sql: """
        ALTER TABLE source_links ADD COLUMN fingerprint TEXT;
        ALTER TABLE source_links ADD COLUMN synced_version INTEGER;
        """)
}

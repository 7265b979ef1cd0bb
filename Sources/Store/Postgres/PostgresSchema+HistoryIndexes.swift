extension PostgresSchema {
    /// 0028: fewer index entries per history row (as SQLite's `StoreSchema.historyIndexes`):
    /// `session_members_by_session` goes (the primary key starts with its columns), and so
    /// does `session_members_by_program` (`session_members_by_sequence` serves its prefix).
    static let historyIndexes = Migration("0028_history_indexes", sql: """
        DROP INDEX session_members_by_session;
        DROP INDEX session_members_by_program;
        """)
}

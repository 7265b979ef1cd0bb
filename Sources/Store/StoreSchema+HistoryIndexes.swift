extension StoreSchema {
    /// 0028: fewer index entries per history row (issue 16). A whole-session match writes
    /// one `session_members` row per matched member (100,000 for a large session), and each
    /// index is one more B-tree to insert into, journal and write to the WAL.
    ///
    /// - `session_members_by_session` (`tenant_id, session_id`) goes: the primary key
    ///   (`tenant_id, session_id, member_id`) starts with the same columns and answers the
    ///   same lookups (a session's rows, its discarded staging, the cascade from `sessions`).
    /// - `session_members_by_program` (`tenant_id, program_id, match_at`) goes: history
    ///   follows the order of matching since 0012, and `session_members_by_sequence`
    ///   (`tenant_id, program_id, match_sequence`) serves the same prefix.
    static let historyIndexes = Migration("0028_history_indexes", sql: """
        DROP INDEX session_members_by_session;
        DROP INDEX session_members_by_program;
        """)
}

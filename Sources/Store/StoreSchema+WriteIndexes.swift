extension StoreSchema {
    /// 0026: fewer index entries per SCIM write (issue 10). Each index a row belongs to is
    /// one more B-tree page changed, journalled and written to the WAL per write.
    ///
    /// - `members_by_email` (`tenant_id, email_folded`, live members) goes: the sign-in
    ///   index `members_live_by_email` (`email_folded`, live members, migration 0014)
    ///   answers the same lookups — one address has a member in few tenants — and was a
    ///   second random-order insert on every member created.
    /// - `provisioning_log_by_outcome` (every row) becomes `provisioning_log_failures`,
    ///   the failures only: a log filtered on failures reads it; one filtered on successes,
    ///   nearly every row, reads the log by time (`provisioning_log_by_time`) and skips the
    ///   few failures. A successful write, the common case, no longer inserts into it.
    static let writeIndexes = Migration("0026_write_indexes", sql: """
        DROP INDEX members_by_email;
        DROP INDEX provisioning_log_by_outcome;
        CREATE INDEX provisioning_log_failures ON provisioning_log (tenant_id, occurred_at, id)
            WHERE outcome = 'failure';
        """)
}

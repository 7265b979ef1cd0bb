extension PostgresSchema {
    /// 0027: one row per membership change of a Group, inserted instead of updating the
    /// group's row (issue 11). Concurrent member PATCHes of one group then insert rows of
    /// their own and commit side by side (one WAL flush for many), where the
    /// `UPDATE … SET version = version + 1` of the group's row made them queue one by one,
    /// each holding the row through its commit's fsync.
    ///
    /// A Group's version is its row's `version` plus its change rows, its `lastModified`
    /// the later of its row's and its changes' (``PostgresResourceStore/columns``): every
    /// committed change adds exactly one, so ETags change with every change and stay
    /// contiguous. A write folds a group's rows into its row now and then (moving the count,
    /// never losing one). `change_id` numbers a change for its outbox event; it starts at
    /// 2^40, above any version, which earlier builds used as the event's number.
    static let groupChanges = Migration("0027_group_changes", sql: """
        CREATE TABLE scim_resource_changes (
            change_id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1099511627776) PRIMARY KEY,
            tenant_id text NOT NULL,
            resource_seq bigint NOT NULL REFERENCES scim_resources(seq) ON DELETE CASCADE,
            changed_at timestamptz NOT NULL
        );
        CREATE INDEX scim_resource_changes_by_resource ON scim_resource_changes (resource_seq, changed_at);
        """)
}

extension PostgresSchema {
    /// 0035: a group's change rows (0027) lose their primary key and their foreign key
    /// (issue 11). No statement looks a change up by `change_id` (it numbers a change's
    /// event, and its identity column still does); every one goes through
    /// `scim_resource_changes_by_resource` (a group's count, its latest change, the fold)
    /// or scans the tenant's rows. The primary key was one more index written by every
    /// membership change and read by none (0 scans after a benchmark run).
    ///
    /// The foreign key to `scim_resources` locked the group's row (`FOR KEY SHARE`) a
    /// second time in each change, through a trigger's query: the write already holds
    /// that lock from its first statement (``PostgresResourceStore`` locks the group
    /// before any change row is inserted, `FOR KEY SHARE` or `FOR UPDATE`), so no group
    /// can disappear under its change rows, and deleting a group deletes them
    /// (`PostgresResourceStore.delete`, instead of the `ON DELETE CASCADE`). The table's
    /// replica identity is its whole row, so logical replication still publishes the
    /// fold's deletes.
    static let unkeyedGroupChanges = Migration("0035_unkeyed_group_changes", sql: """
        ALTER TABLE scim_resource_changes DROP CONSTRAINT scim_resource_changes_pkey;
        ALTER TABLE scim_resource_changes DROP CONSTRAINT scim_resource_changes_resource_seq_fkey;
        ALTER TABLE scim_resource_changes REPLICA IDENTITY FULL;
        """)
}

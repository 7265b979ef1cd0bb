extension PostgresSchema {
    /// 0033: a group's member rows are kept unique by an index in the order its member
    /// list is read (`member_id COLLATE "C"`, SQLite's byte order), in place of the primary
    /// key in the database's collation (issue 11). The list's `ORDER BY m.member_id COLLATE
    /// "C"` could not use the primary key (another collation, even in a `C` database): each
    /// read scanned the whole group through a bitmap and sorted it, and PostgreSQL planned
    /// it again at every run, its generic plan (sorting a group of average size) never
    /// cheaper than a custom one. Along this index the read stops after its `LIMIT` rows and
    /// its generic plan is the custom one, kept after five runs: a 100-member group's list,
    /// which every membership PATCH returns, went from 0.11 ms of planning and 0.30 ms of
    /// execution to 0.004 ms and 0.17 ms (EXPLAIN ANALYZE). Uniqueness is the same (`C`
    /// equality is byte equality, as the default collation's); `ON CONFLICT (tenant_id,
    /// group_id, member_id)` takes this index as its arbiter. A lookup of one row by its
    /// three columns goes through `scim_group_members_by_member`. No primary key remains on
    /// the table (nothing references it; a primary key cannot use a non-default collation):
    /// the index is the table's replica identity, so logical replication still publishes
    /// its deletes.
    static let memberOrder = Migration("0033_member_order", sql: """
        CREATE UNIQUE INDEX scim_group_members_in_order ON scim_group_members (tenant_id, group_id, member_id COLLATE "C");
        ALTER TABLE scim_group_members DROP CONSTRAINT scim_group_members_pkey;
        ALTER TABLE scim_group_members REPLICA IDENTITY USING INDEX scim_group_members_in_order;
        """)
}

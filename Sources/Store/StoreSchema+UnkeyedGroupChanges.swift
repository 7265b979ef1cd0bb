extension StoreSchema {
    /// 0035: nothing in SQLite. PostgreSQL's 0035 drops the primary and foreign keys of
    /// its group change rows (``PostgresSchema`` `unkeyedGroupChanges`), which SQLite's
    /// single writer never fills. The number is taken in both lists, so one list of names
    /// tells where either database stands.
    static let unkeyedGroupChanges = Migration("0035_unkeyed_group_changes", sql: "SELECT 1")
}

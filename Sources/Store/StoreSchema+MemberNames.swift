extension StoreSchema {
    /// 0037: nothing in SQLite. PostgreSQL's 0037 keeps a member's name in its member row
    /// (``PostgresSchema`` `memberNames`); SQLite reads the name along with the member row
    /// (a join in the same process, no round trip). The number is taken in both lists, so
    /// one list of names tells where either database stands.
    static let memberNames = Migration("0037_member_names", sql: "SELECT 1")
}

extension StoreSchema {
    /// 0033: nothing in SQLite. PostgreSQL's 0033 keeps a group's member rows unique by an
    /// index in the byte order its member list is read (``PostgresSchema`` `memberOrder`):
    /// SQLite's primary key is already in that order (BINARY). The number is taken in both
    /// lists, so one list of names tells where either database stands.
    static let memberOrder = Migration("0033_member_order", sql: "SELECT 1")
}

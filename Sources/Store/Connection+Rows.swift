/// Inserting many rows with few statements (issue 16: a match of 100,000 members staged
/// 200,000 rows one `INSERT` each, and looked each statement up in the cache by its text).
extension Connection {
    /// Rows per `INSERT` statement: a batch is cut into statements of these sizes, largest
    /// first, each size one cached statement per table (few: the writer's statement cache
    /// holds ``Configuration/statementCacheLimit`` statements in all).
    static let rowsPerInsert = [16, 4, 1]

    /// Inserts `rows` with `head` (`INSERT INTO t (a, b)`) followed by `VALUES` and one
    /// `tuple` (`(?, ?)`) per row, then `tail` (an `ON CONFLICT` clause); `bind` binds one
    /// row's values from parameter `offset + 1` on. The rows are inserted in order; returns
    /// how many rows the statements changed.
    @discardableResult
    func insert<Rows: Collection>(_ rows: Rows, head: String, tuple: String, tail: String = "",
                                              bind: (Rows.Element, Statement, Int32) throws -> Void) throws -> Int {
        let parameters = Int32(tuple.utf8.count { $0 == UInt8(ascii: "?") })
        var changed = 0
        var next = rows.startIndex, remaining = rows.count
        for size in Self.rowsPerInsert where remaining >= size {
            let sql = head + " VALUES " + repeatElement(tuple, count: size).joined(separator: ", ") + tail
            while remaining >= size {
                let statement = try cachedStatement(sql)
                for position in 0..<size {
                    try bind(rows[next], statement, Int32(position) * parameters)
                    next = rows.index(after: next)
                }
                try statement.execute()
                changed += self.changes
                remaining -= size
            }
        }
        return changed
    }
}

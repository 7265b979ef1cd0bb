/// A multi-row `INSERT`'s statements, built once (a `static let` of its repository): the
/// text of `head` (`INSERT INTO t (a, b)`) followed by `VALUES` and one `tuple` (`(?, ?)`)
/// per row, then `tail` (an `ON CONFLICT` clause), for each size of rows it was made with.
/// Issue 16: a match of 100,000 members staged 200,000 rows one `INSERT` each; every SCIM
/// write's outbox append goes through it too, so no call builds SQL text.
struct RowInsert: Sendable {
    /// Rows per statement by default: a batch is cut into statements of these sizes,
    /// largest first, each size one cached statement per table (few: the writer's
    /// statement cache holds ``Configuration/statementCacheLimit`` statements in all).
    static let rowsPerStatement = [16, 4, 1]

    /// Parameters per row (the `?` of `tuple`).
    let parameters: Int32
    /// Each size's rows and statement text, largest first.
    let statements: [(rows: Int, sql: String)]

    /// `rowsPerStatement`: the sizes, largest first, ending with 1.
    init(head: String, tuple: String, tail: String = "", rowsPerStatement: [Int] = Self.rowsPerStatement) {
        precondition(rowsPerStatement.last == 1 && rowsPerStatement == rowsPerStatement.sorted(by: >), "sizes largest first, ending with 1")
        parameters = Int32(tuple.utf8.count { $0 == UInt8(ascii: "?") })
        statements = rowsPerStatement.map { rows in
            (rows, head + " VALUES " + repeatElement(tuple, count: rows).joined(separator: ", ") + tail)
        }
    }
}

/// Inserting many rows with few statements (``RowInsert``).
extension Connection {
    /// Inserts `rows` in order with `insert`'s statements; `bind` binds one row's values
    /// from parameter `offset + 1` on. Returns how many rows the statements changed.
    @discardableResult
    func insert<Rows: Collection>(_ rows: Rows, _ insert: RowInsert,
                                  bind: (Rows.Element, Statement, Int32) throws -> Void) throws -> Int {
        var changed = 0
        var next = rows.startIndex, remaining = rows.count
        for (size, sql) in insert.statements where remaining >= size {
            while remaining >= size {
                let statement = try cachedStatement(sql)
                for position in 0..<size {
                    try bind(rows[next], statement, Int32(position) * insert.parameters)
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

/// The order of a list, as keyset conditions: which rows come after or before a
/// ``ResourcePosition``, in SQL for the database and in Swift for rows filtered in memory.
///
/// The order is `ListPlan`'s: the sort column when there is one (missing values last
/// when ascending, first when descending, RFC 7644 §3.4.2.3), then `seq` ascending. Each
/// condition starts with a range on the sort column (`col >= ?`) so an index on it seeks
/// to the position; rows with an equal key are then told apart by `seq`.
struct KeysetOrder: Sendable {
    /// The sort column, or `nil` for creation order.
    let sortColumn: FilterColumn?
    let ascending: Bool

    /// The position of a row whose sort value is `key`.
    func position(seq: Int64, key: String?) -> ResourcePosition {
        ResourcePosition(seq: seq, key: sortColumn == nil ? nil : key)
    }

    /// `ORDER BY` the list's order, or its reverse (to read the rows just before a position
    /// nearest first).
    func orderBy(reversed: Bool) -> String {
        let seq = reversed ? "r.seq DESC" : "r.seq"
        guard let sortColumn else { return "ORDER BY \(seq)" }
        let descending = ascending == reversed
        let direction = descending ? " DESC" : ""
        let nulls = sortColumn.isNullable ? "(\(sortColumn.sql) IS NULL)\(direction), " : ""
        return "ORDER BY \(nulls)\(sortColumn.sql)\(direction), \(seq)"
    }

    /// The rows strictly after `position` in the list's order.
    func after(_ position: ResourcePosition) -> SQLFragment {
        beyond(position, forward: true)
    }

    /// The rows strictly before `position` in the list's order.
    func before(_ position: ResourcePosition) -> SQLFragment {
        beyond(position, forward: false)
    }

    private func beyond(_ position: ResourcePosition, forward: Bool) -> SQLFragment {
        let seqOperator = forward ? ">" : "<"
        let seq = SQLValue.integer(position.seq)
        guard let sortColumn else { return SQLFragment("(r.seq \(seqOperator) ?)", [seq]) }
        let column = sortColumn.sql
        // Towards greater keys when going forward in an ascending list, or backward in a
        // descending one; NULLs are last when ascending, so they lie on the greater side.
        let towardsGreater = forward == ascending
        guard let key = position.key else {
            // From a row without a value: the others without one, by seq; and every row with
            // a value when those lie this way (NULLs last going backward, first going forward).
            let nulls = "(\(column) IS NULL AND r.seq \(seqOperator) ?)"
            return towardsGreater ? SQLFragment(nulls, [seq]) : SQLFragment("(\(column) IS NOT NULL OR r.seq \(seqOperator) ?)", [seq])
        }
        let (wide, strict) = towardsGreater ? (">=", ">") : ("<=", "<")
        let ranged = "(\(column) \(wide) ? AND (\(column) \(strict) ? OR r.seq \(seqOperator) ?))"
        let bindings: [SQLValue] = [.text(key), .text(key), seq]
        // Rows without a value lie on the greater side, past every key.
        if towardsGreater, sortColumn.isNullable {
            return SQLFragment("(\(ranged) OR \(column) IS NULL)", bindings)
        }
        return SQLFragment(ranged, bindings)
    }

    /// Whether `lhs` comes before `rhs` in the list's order (BINARY collation: UTF-8
    /// bytes), as the SQL orders them.
    func precedes(_ lhs: ResourcePosition, _ rhs: ResourcePosition) -> Bool {
        if sortColumn != nil {
            switch (lhs.key, rhs.key) {
            case (nil, nil): break
            case (nil, _?): return !ascending
            case (_?, nil): return ascending
            case (let x?, let y?) where x != y:
                return ascending ? x.utf8.lexicographicallyPrecedes(y.utf8) : y.utf8.lexicographicallyPrecedes(x.utf8)
            default: break
            }
        }
        return lhs.seq < rhs.seq
    }
}

/// The order of a list, as keyset conditions: which rows come after or before a
/// ``ResourcePosition``, in SQL for the database and in Swift for rows filtered in memory.
///
/// The order is `ListPlan`'s: the sort column when there is one (missing values last
/// when ascending, first when descending, RFC 7644 §3.4.2.3), then `seq` ascending. Each
/// condition starts with a range on the sort column (`col >= ?`) so an index on it seeks
/// to the position; rows with an equal key are then told apart by `seq`. A page is O(page)
/// where an index gives the order: creation order, `userName`, `id`, a Group's
/// `displayName`, a User's `displayName` and `externalId`, `meta.created` and
/// `meta.lastModified` (migration 0016). A declared extension's attribute has none: such a
/// sort is bounded by `maxCandidates` instead.
struct KeysetOrder: Sendable {
    /// The sort column, or `nil` for creation order.
    let sortColumn: FilterColumn?
    let ascending: Bool

    /// The position of a row whose sort value is `key`.
    func position(seq: Int64, key: String?) -> ResourcePosition {
        ResourcePosition(seq: seq, key: sortColumn == nil ? nil : key)
    }

    /// `ORDER BY` the list's order, in one statement (index pages). Without a NULL term for
    /// NOT NULL columns, so an index can give the order.
    var orderBy: String {
        guard let sortColumn else { return "ORDER BY r.seq" }
        let direction = ascending ? "" : " DESC"
        let nulls = sortColumn.isNullable ? "(\(sortColumn.sql) IS NULL)\(direction), " : ""
        return "ORDER BY \(nulls)\(sortColumn.sql)\(direction), r.seq"
    }

    /// One stretch of the list's order that an index can give: its rows and their order.
    struct Segment {
        /// The rows, beyond the seek's position when it lies in this stretch; `nil` for all.
        var condition: SQLFragment?
        /// `ORDER BY` in the direction the rows are read.
        var orderBy: String
    }

    /// The rows beyond `seek` in the order they are read (the list's order after a position,
    /// its reverse before one, nearest first), as the segments to read one after the other.
    ///
    /// Without a sort column, or with one that always has a value, that is one segment. A
    /// nullable column is read as two, the resources with a value and those without
    /// (last when ascending, first when descending), each in an order its index gives
    /// (`(col IS NULL), col, seq` would make SQLite sort every row of the tenant for each
    /// page).
    func segments(beyond seek: ResourceSeek) -> [Segment] {
        let (position, forward): (ResourcePosition?, Bool)
        switch seek {
        case .after(let after): (position, forward) = (after, true)
        case .before(let before): (position, forward) = (before, false)
        }
        let seqOperator = forward ? ">" : "<"
        let seqOrder = forward ? "r.seq" : "r.seq DESC"
        guard let sortColumn else {
            return [Segment(condition: position.map { SQLFragment("(r.seq \(seqOperator) ?)", [.integer($0.seq)]) },
                            orderBy: "ORDER BY \(seqOrder)")]
        }
        let column = sortColumn.sql
        // Towards greater values when going forward in an ascending list, or backward in a
        // descending one.
        let towardsGreater = forward == ascending
        let (wide, strict) = towardsGreater ? (">=", ">") : ("<=", "<")
        let valuedOrder = "ORDER BY \(column)\(towardsGreater ? "" : " DESC"), \(seqOrder)"
        let valued = position.flatMap { position in
            position.key.map { key in
                SQLFragment("(\(column) \(wide) ? AND (\(column) \(strict) ? OR r.seq \(seqOperator) ?))",
                            [.text(key), .text(key), .integer(position.seq)])
            }
        }
        guard sortColumn.isNullable else { return [Segment(condition: valued, orderBy: valuedOrder)] }
        // Rows without a value lie past every value on the greater side.
        let withValue = Segment(condition: valued ?? SQLFragment("(\(column) IS NOT NULL)"), orderBy: valuedOrder)
        let withoutValue = Segment(condition: SQLFragment("(\(column) IS NULL AND r.seq \(seqOperator) ?)", [.integer(position?.seq ?? 0)]),
                                   orderBy: "ORDER BY \(seqOrder)")
        let all = SQLFragment("(\(column) IS NULL)")
        switch position {
        case nil:
            return towardsGreater ? [withValue, Segment(condition: all, orderBy: withoutValue.orderBy)]
                                  : [Segment(condition: all, orderBy: withoutValue.orderBy), withValue]
        case let position? where position.key == nil:
            // From a row without a value: the others without one, then (the other way) those with one.
            return towardsGreater ? [withoutValue] : [withoutValue, Segment(condition: SQLFragment("(\(column) IS NOT NULL)"), orderBy: valuedOrder)]
        case .some:
            return towardsGreater ? [withValue, Segment(condition: all, orderBy: withoutValue.orderBy)] : [withValue]
        }
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

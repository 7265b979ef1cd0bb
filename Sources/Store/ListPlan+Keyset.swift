import SCIM

/// Keyset pages (RFC 9865 cursor paging): the rows just after or just before a position
/// of the list's order, read through an index seek and a `LIMIT`, never an `OFFSET`, so a
/// page costs the same at the end of a walk of 100,000 resources as at its start.
///
/// A resource created or deleted during a walk moves no other resource's position, so
/// every resource present for the whole walk is returned exactly once (one whose sort
/// value changes meanwhile may be seen twice or not at all, as in any keyset walk).
extension ListPlan {
    /// One keyset page, with the seeks of the pages around it. The filter is exact, or absent.
    func run(_ seek: ResourceSeek, in db: Connection) throws -> ResourcePage {
        try checkScanBound(in: db)
        let total = try total(in: db).total
        let order = keysetOrder
        var budget = PageBudget(limit: maxPageBytes)
        var cutShort = false
        var fetched: [(SQLiteResourceStore.ResourceRow, String?)] = []
        // One row past the page says whether another page lies this way.
        for segment in order.segments(beyond: seek) where fetched.count <= count && !cutShort {
            let condition = narrowed(to: segment)
            fetched += try db.query(
                "SELECT \(SQLiteResourceStore.columns), \(sortColumn?.sql ?? "NULL") \(condition.sql) \(segment.orderBy) LIMIT ?",
                bindings: condition.bindings + [.integer(Int64(count + 1 - fetched.count))],
                map: { row in (try SQLiteResourceStore.resourceRow(row), row.optionalString(7)) },
                while: { row in
                    cutShort = !budget.admits(row.0.bytes)
                    return !cutShort
                })
        }
        let rows = Array(fetched.prefix(count))
        let resources = try budgeted(rows.map(\.0), attaching: includeMembers, in: db)
        let positions = rows.prefix(resources.count).map { order.position(seq: $0.0.seq, key: $0.1) }
        let moreThisWay = cutShort || fetched.count > resources.count
        return try KeysetPaging.page(total: total, resources: resources, positions: positions, seek: seek,
                                     moreThisWay: moreThisWay) { position, forward in
            for segment in order.segments(beyond: forward ? .after(position) : .before(position)) {
                let condition = narrowed(to: segment)
                if try db.queryOne("SELECT 1 \(condition.sql) LIMIT 1", bindings: condition.bindings, map: { _ in true }) == true {
                    return true
                }
            }
            return false
        }
    }

    /// `FROM … WHERE` of the list, narrowed to `segment`.
    private func narrowed(to segment: KeysetOrder.Segment) -> SQLFragment {
        var condition = from
        if let narrowed = segment.condition {
            condition.sql += " AND " + narrowed.sql
            condition.bindings += narrowed.bindings
        }
        return condition
    }

    /// One keyset page of the candidates a filter matched in memory (at most
    /// `maxCandidates`, as for index pages).
    func runInMemory(_ evaluator: FilterEvaluator, seek: ResourceSeek, limit: Int, needsReferences: Bool,
                     in db: Connection) throws -> ResourcePage {
        let order = keysetOrder
        let matches = try matching(evaluator, limit: limit, needsReferences: needsReferences, in: db)
        return try KeysetPaging.page(of: matches.map { ($0.row, order.position(seq: $0.row.seq, key: $0.key)) },
                                     order: order, seek: seek, count: count) { rows in
            try budgeted(withoutReferences(rows), attaching: includeMembers && !needsReferences, in: db)
        }
    }
}

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
        return try page(total: total, resources: resources, positions: positions, seek: seek,
                        forward: Self.isForward(seek), moreThisWay: moreThisWay) { position, forward in
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
        let positions = matches.map { order.position(seq: $0.row.seq, key: $0.key) }
        let forward = Self.isForward(seek)
        // The indices of the matches beyond the seek's position, nearest first.
        let beyond: [Int]
        switch seek {
        case .after(nil): beyond = Array(positions.indices)
        case .after(let position?): beyond = positions.indices.filter { order.precedes(position, positions[$0]) }
        case .before(let position): beyond = positions.indices.filter { order.precedes(positions[$0], position) }.reversed()
        }
        let chosen = Array(beyond.prefix(count))
        let rows = withoutReferences(chosen.map { matches[$0].row })
        let resources = try budgeted(rows, attaching: includeMembers && !needsReferences, in: db)
        let pagePositions = chosen.prefix(resources.count).map { positions[$0] }
        return try page(total: matches.count, resources: resources, positions: pagePositions, seek: seek,
                        forward: forward, moreThisWay: beyond.count > resources.count) { position, forward in
            positions.contains { forward ? order.precedes(position, $0) : order.precedes($0, position) }
        }
    }

    /// Whether `seek` reads the list forwards.
    private static func isForward(_ seek: ResourceSeek) -> Bool {
        if case .after = seek { return true }
        return false
    }

    /// The page in the list's order with its next and previous seeks: this way from the
    /// rows read (`moreThisWay`), the other way from a probe (`exists`) past the nearest row.
    private func page(total: Int, resources: [StoredResource], positions: [ResourcePosition], seek: ResourceSeek,
                      forward: Bool, moreThisWay: Bool,
                      exists: (ResourcePosition, _ forward: Bool) throws -> Bool) throws -> ResourcePage {
        guard let nearest = positions.first, let farthest = positions.last else {
            // No row (count 0, or nothing left): the same seek goes on when rows lie its way.
            return ResourcePage(total: total, startIndex: 1, resources: [], next: moreThisWay ? seek : nil)
        }
        if forward {
            let previous: ResourceSeek? = try exists(nearest, false) ? .before(nearest) : nil
            return ResourcePage(total: total, startIndex: 1, resources: resources,
                                next: moreThisWay ? .after(farthest) : nil, previous: previous)
        }
        // Read nearest first, backwards: `farthest` is the first of the page.
        let next: ResourceSeek? = try exists(nearest, true) ? .after(nearest) : nil
        return ResourcePage(total: total, startIndex: 1, resources: resources.reversed(),
                            next: next, previous: moreThisWay ? .before(farthest) : nil)
    }
}

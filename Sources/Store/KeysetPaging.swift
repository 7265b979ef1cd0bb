/// The parts of a keyset page (RFC 9865 cursor paging) that do not depend on the database:
/// the page of rows already in the list's order (filtered in memory), and the seeks of
/// the pages around a page. Shared by ``ListPlan`` (SQLite) and ``PostgresListPlan``.
enum KeysetPaging {
    /// Whether `seek` reads the list forwards.
    static func isForward(_ seek: ResourceSeek) -> Bool {
        if case .after = seek { return true }
        return false
    }

    /// One keyset page of `matches` (every match, in the list's order, with its position):
    /// at most `count` beyond the seek's position, as many as `resources` keeps of them
    /// (it loads and budgets the rows it is given, in order).
    static func page(of matches: [(row: SQLiteResourceStore.ResourceRow, position: ResourcePosition)], order: KeysetOrder,
                     seek: ResourceSeek, count: Int,
                     resources: ([SQLiteResourceStore.ResourceRow]) throws -> [StoredResource]) throws -> ResourcePage {
        let positions = matches.map(\.position)
        // The indices of the matches beyond the seek's position, nearest first.
        let beyond: [Int]
        switch seek {
        case .after(nil): beyond = Array(positions.indices)
        case .after(let position?): beyond = positions.indices.filter { order.precedes(position, positions[$0]) }
        case .before(let position): beyond = positions.indices.filter { order.precedes(positions[$0], position) }.reversed()
        }
        let chosen = Array(beyond.prefix(count))
        let kept = try resources(chosen.map { matches[$0].row })
        let pagePositions = chosen.prefix(kept.count).map { positions[$0] }
        return try page(total: matches.count, resources: kept, positions: pagePositions, seek: seek,
                        moreThisWay: beyond.count > kept.count) { position, forward in
            positions.contains { forward ? order.precedes(position, $0) : order.precedes($0, position) }
        }
    }

    /// The page in the list's order with its next and previous seeks: `resources` and
    /// their `positions` as read (nearest the seek first); this way from the rows read
    /// (`moreThisWay`), the other way from a probe (`exists`) past the nearest row.
    static func page(total: Int, resources: [StoredResource], positions: [ResourcePosition], seek: ResourceSeek,
                     moreThisWay: Bool, exists: (ResourcePosition, _ forward: Bool) throws -> Bool) throws -> ResourcePage {
        guard let nearest = positions.first, let farthest = positions.last else {
            // No row (count 0, or nothing left): the same seek goes on when rows lie its way.
            return ResourcePage(total: total, startIndex: 1, resources: [], next: moreThisWay ? seek : nil)
        }
        if isForward(seek) {
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

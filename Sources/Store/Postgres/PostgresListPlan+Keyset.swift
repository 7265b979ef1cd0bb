/// Keyset pages (RFC 9865 cursor paging) on PostgreSQL, in the order ``KeysetOrder`` gives
/// on SQLite: the sort key when there is one (text in byte order, `COLLATE "C"`, as the
/// page at a `startIndex` orders it; timestamps as timestamps), missing values last
/// ascending and first descending, then `seq`. A page is the rows just beyond a position,
/// read with `LIMIT` and never an `OFFSET`, so a resource created or deleted during a walk
/// moves no other resource's place in it.
extension PostgresListPlan {
    /// The list's order as keyset conditions.
    var keysetOrder: KeysetOrder {
        KeysetOrder(sortColumn: sortKey.map { key in
            FilterColumn(sql: key.isText ? "(\(key.column)) COLLATE \"C\"" : "(\(key.column))", kind: .exact, isNullable: key.isNullable)
        }, ascending: ascending)
    }

    /// One keyset page of the list (filtered by `bound`, exactly its filter, or unfiltered)
    /// with the seeks of the pages around it; `total`: the list's size.
    func run(_ seek: ResourceSeek, filteredBy bound: PostgresFilterBound?, total: Int, in db: PostgresConnection) throws -> ResourcePage {
        let order = keysetOrder
        // The key as text that casts back exactly (a timestamp's with its microseconds and offset).
        let keyText = sortKey.map { "(\($0.column))::text" } ?? "NULL"
        var fetched: [(row: SQLiteResourceStore.ResourceRow, key: String?)] = []
        // One row past the page says whether another page lies this way.
        for segment in order.segments(beyond: seek) where fetched.count <= count {
            let (condition, parameters) = scope(bound, segment.condition)
            fetched += try db.query("""
                SELECT \(PostgresResourceStore.columns), \(keyText) FROM scim_resources r WHERE \(condition) \
                \(segment.orderBy) LIMIT \(count + 1 - fetched.count)
                """, parameters: parameters) { row in (try PostgresResourceStore.resourceRow(row), row.optionalString(7)) }
        }
        var budget = PageBudget(limit: configuration.maxPageBytes)
        let admitted = fetched.prefix(count).prefix { budget.admits($0.row.bytes) }
        let resources = try budgeted(Array(admitted.map(\.row)), attaching: includeMembers, in: db)
        let positions = admitted.prefix(resources.count).map { order.position(seq: $0.row.seq, key: $0.key) }
        return try KeysetPaging.page(total: total, resources: resources, positions: positions, seek: seek,
                                     moreThisWay: fetched.count > resources.count) { position, forward in
            for segment in order.segments(beyond: forward ? .after(position) : .before(position)) {
                let (condition, parameters) = scope(bound, segment.condition)
                if try db.query("SELECT 1 FROM scim_resources r WHERE \(condition) LIMIT 1", parameters: parameters, map: { _ in true })
                    .first == true {
                    return true
                }
            }
            return false
        }
    }

    /// The `WHERE` condition of the tenant's rows of this type within `bound` and
    /// `segment`, and its parameters: `$1` the tenant, then `bound`'s, then the segment's
    /// (its `?` numbered on).
    private func scope(_ bound: PostgresFilterBound?, _ segment: SQLFragment?) -> (String, [(any PostgresParameter)?]) {
        var condition = "r.tenant_id = $1 AND r.resource_type = \(kind.sqlLiteral)"
        var parameters: [(any PostgresParameter)?] = [tenant]
        if let bound {
            condition += " AND " + bound.sql
            parameters += bound.values.map { $0 }
        }
        if let segment {
            condition += " AND " + Self.numbered(segment.sql, from: parameters.count + 1)
            parameters += segment.bindings.map(Self.parameter)
        }
        return (condition, parameters)
    }

    /// `sql` with each `?` outside string literals replaced by `$n`, `n` counting from `first`.
    static func numbered(_ sql: String, from first: Int) -> String {
        var result = ""
        var next = first
        var inLiteral = false
        for character in sql {
            if character == "'" { inLiteral.toggle() }
            if character == "?", !inLiteral {
                result += "$\(next)"
                next += 1
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// A keyset condition's value as a PostgreSQL parameter (text, its type inferred).
    private static func parameter(_ value: SQLValue) -> (any PostgresParameter)? {
        switch value {
        case .text(let text): text
        case .integer(let integer): integer
        case .real(let real): String(real)
        case .null: nil
        }
    }
}

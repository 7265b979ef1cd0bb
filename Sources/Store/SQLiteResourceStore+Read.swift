import SCIM

extension SQLiteResourceStore {
    /// The resource, or `nil`; see ``ResourceStore/get(id:kind:tenant:includeMembers:)``.
    public func get(id: String, kind: ResourceKind, tenant: TenantID, includeMembers: Bool) async throws -> StoredResource? {
        try await database.read { db in
            guard var resource = try Self.row(id: id, kind: kind, tenant: tenant, in: db)?.resource else { return nil }
            if includeMembers { try Self.attachReferences(to: &resource, tenant: tenant, in: db) }
            return resource
        }
    }

    /// The Group with at most `memberLimit` members; see ``ResourceStore/group(id:tenant:memberLimit:)``.
    public func group(id: String, tenant: TenantID, memberLimit: Int) async throws -> StoredResource? {
        try await database.read { db in
            guard var resource = try Self.row(id: id, kind: .group, tenant: tenant, in: db)?.resource else { return nil }
            resource.members = try Self.members(of: id, tenant: tenant, atMost: memberLimit, in: db)
            return resource
        }
    }

    /// One page of a list (RFC 7644 §3.4.2); see ``ResourceStore/list(_:kind:tenant:)``.
    ///
    /// A filter SQL expresses entirely is counted and paged in SQL. Otherwise the part
    /// SQL can express with indexes selects at most `maxCandidates` candidates (else
    /// `tooMany`), which ``FilterEvaluator`` filters in memory before they are sorted and
    /// paged. A filter that reads attributes from the JSON in SQL is bounded the same way. Throws
    /// `SCIMError.invalidFilter` for a filter that does not suit the resource type, or
    /// that the Store cannot answer (``FilterSQL/checkSupported(_:kind:)``).
    public func list(_ query: ResourceQuery, kind: ResourceKind, tenant: TenantID) async throws -> ResourcePage {
        var translation: FilterSQL.Translation?
        var evaluator: FilterEvaluator?
        let resourceType = query.resourceType(of: kind)
        if let filter = query.filter {
            try FilterValidator.validate(filter, against: resourceType)
            try FilterSQL.checkSupported(filter, kind: kind)
            let translated = FilterSQL.translate(filter, kind: kind, tenant: tenant, resourceType: resourceType)
            translation = translated
            if !translated.isExact { evaluator = try FilterEvaluator(filter, resourceType: resourceType) }
        }
        var sortColumn: FilterColumn?
        if let sortBy = query.sortBy {
            guard let column = FilterSQL.sortColumn(sortBy, kind: kind, resourceType: resourceType) else {
                throw ResourceStoreError.unsupportedSort(attribute: sortBy.description)
            }
            sortColumn = column
        }
        // A sort that reads the JSON of every row it orders is bounded like a filter that does.
        var scanBound = translation?.scanBound
        if sortColumn?.readsJSON == true, scanBound == nil, translation?.isExact != false {
            scanBound = translation?.condition ?? .true
        }
        let page = ListPlan(kind: kind, tenant: tenant, condition: translation?.condition, sortColumn: sortColumn,
                            ascending: query.ascending, startIndex: max(1, query.startIndex),
                            count: min(max(0, query.count), configuration.maxPageSize),
                            includeMembers: query.includeMembers, order: order,
                            scanBound: scanBound, maxCandidates: configuration.maxCandidates,
                            maxPageBytes: configuration.maxPageBytes, maxCandidateBytes: configuration.maxCandidateBytes)
        let seek = query.seek
        if let evaluator, let filter = query.filter {
            let limit = configuration.maxCandidates
            let needsReferences = Self.mentionsMemberships(filter)
            return try await database.read { db in
                try page.registerFunctions(on: db)
                if let seek {
                    return try page.runInMemory(evaluator, seek: seek, limit: limit, needsReferences: needsReferences, in: db)
                }
                return try page.runInMemory(evaluator, limit: limit, needsReferences: needsReferences, in: db)
            }
        }
        return try await database.read { db in
            try page.registerFunctions(on: db)
            if let seek { return try page.run(seek, in: db) }
            return try page.run(in: db)
        }
    }

    /// Whether `filter` reads `members` or `groups`, which the evaluator sees only when loaded.
    static func mentionsMemberships(_ filter: Filter) -> Bool {
        switch filter {
        case .and(let lhs, let rhs), .or(let lhs, let rhs): return mentionsMemberships(lhs) || mentionsMemberships(rhs)
        case .not(let inner): return mentionsMemberships(inner)
        case .present(let path), .compare(let path, _, _), .valuePath(let path, _):
            return path.name.equalsIgnoringCase("members") || path.name.equalsIgnoringCase("groups")
        }
    }
}

/// How one list request runs: the SQL shared by its count, page and candidate queries.
struct ListPlan: Sendable {
    let kind: ResourceKind
    let tenant: TenantID
    let condition: SQLFragment?
    let sortColumn: FilterColumn?
    let ascending: Bool
    let startIndex: Int
    let count: Int
    let includeMembers: Bool
    let order: OrderIndexCache
    /// The indexed bound of a condition that reads JSON (see `FilterSQL.Translation`).
    let scanBound: SQLFragment?
    let maxCandidates: Int
    /// See ``SQLiteResourceStore/Configuration/maxPageBytes``.
    let maxPageBytes: Int
    /// See ``SQLiteResourceStore/Configuration/maxCandidateBytes``.
    let maxCandidateBytes: Int

    /// `FROM … WHERE` with the tenant, the type (a literal, for the partial indexes) and
    /// the filter condition.
    var from: SQLFragment {
        var fragment = SQLFragment("FROM scim_resources r WHERE r.tenant_id = ? AND r.resource_type = \(kind.sqlLiteral)",
                                   [.text(tenant.rawValue)])
        if let condition {
            fragment.sql += " AND " + condition.sql
            fragment.bindings += condition.bindings
        }
        return fragment
    }

    /// `ORDER BY`: missing values last when ascending, first when descending (RFC 7644
    /// §3.4.2.3), then creation order, so equal keys page stably.
    private var orderBy: String { keysetOrder.orderBy }

    /// The list's order as keyset conditions (RFC 9865 cursor paging).
    var keysetOrder: KeysetOrder { KeysetOrder(sortColumn: sortColumn, ascending: ascending) }

    /// Registers `percolator_fold` on `db` when the condition uses it.
    func registerFunctions(on db: Connection) throws {
        if condition?.sql.contains(FoldFunction.name) == true || sortColumn?.sql.contains(FoldFunction.name) == true {
            try FoldFunction.ensureRegistered(on: db)
        }
    }

    /// Counts and pages in SQL (the filter is exact, or absent).
    func run(in db: Connection) throws -> ResourcePage {
        let from = self.from
        try checkScanBound(in: db)
        let (total, deletions) = try total(in: db)
        guard count > 0, startIndex <= total else { return ResourcePage(total: total, startIndex: startIndex, resources: []) }
        let rows = try pageRows(from, deletions: deletions, total: total, in: db)
        let resources = try budgeted(rows, attaching: includeMembers, in: db)
        return ResourcePage(total: total, startIndex: startIndex, resources: resources)
    }

    /// Throws `tooMany` when a condition that reads JSON would read more than
    /// `maxCandidates` rows: reading JSON costs per row, so only on a bounded set, as
    /// in-memory evaluation.
    func checkScanBound(in db: Connection) throws {
        guard let scanBound else { return }
        let bounded = try db.queryOne("""
            SELECT count(*) FROM (SELECT 1 FROM scim_resources r WHERE r.tenant_id = ? \
            AND r.resource_type = \(kind.sqlLiteral) AND \(scanBound.sql) LIMIT ?)
            """, bindings: [.text(tenant.rawValue)] + scanBound.bindings + [.integer(Int64(maxCandidates) + 1)]) { $0.int(0) } ?? 0
        guard bounded <= maxCandidates else { throw ResourceStoreError.tooMany(limit: maxCandidates) }
    }

    /// How many resources match: from the tenant's counts without a condition (O(1)),
    /// else counted; with the deletions count when the list is in plain creation order.
    func total(in db: Connection) throws -> (total: Int, deletions: Int64?) {
        guard condition == nil else {
            return (try db.queryOne("SELECT count(*) " + from.sql, bindings: from.bindings) { $0.int(0) } ?? 0, nil)
        }
        let counts = try db.queryOne("SELECT count, deletions FROM scim_resource_counts WHERE tenant_id = ? AND resource_type = ?",
                                     tenant.rawValue, kind.rawValue) { ($0.int(0), $0.int64(1)) }
        return (counts?.0 ?? 0, sortColumn == nil ? counts?.1 ?? 0 : nil)
    }

    /// The page's rows: in plain creation order, a range seek through the tenant's
    /// ``OrderIndexCache`` (exact in this snapshot: `deletions` was read in it); otherwise
    /// by `OFFSET` over the page's keys first (skipping index entries, not rows). Read
    /// one by one, and no further once their JSON would pass `maxPageBytes`.
    private func pageRows(_ from: SQLFragment, deletions: Int64?, total: Int,
                          in db: Connection) throws -> [SQLiteResourceStore.ResourceRow] {
        var budget = PageBudget(limit: maxPageBytes)
        if let deletions {
            let key = OrderIndexCache.Key(tenant: tenant, kind: kind)
            let seqs = try order.seqs(key, range: (startIndex - 1)..<(startIndex - 1 + count), count: total,
                                      deletions: deletions, in: db)
            guard let first = seqs.first, let last = seqs.last else { return [] }
            return try db.query(
                "SELECT \(SQLiteResourceStore.columns) \(from.sql) AND r.seq BETWEEN ? AND ? ORDER BY r.seq",
                bindings: from.bindings + [.integer(first), .integer(last)], map: SQLiteResourceStore.resourceRow,
                while: { budget.admits($0.bytes) })
        }
        return try db.query("""
            SELECT \(SQLiteResourceStore.columns) FROM scim_resources r
            WHERE r.seq IN (SELECT r.seq \(from.sql) \(orderBy) LIMIT ? OFFSET ?) \(orderBy)
            """, bindings: from.bindings + [.integer(Int64(count)), .integer(Int64(startIndex - 1))],
            map: SQLiteResourceStore.resourceRow, while: { budget.admits($0.bytes) })
    }

    /// The resources of `rows`, with their members or groups when `attaching`, in order
    /// and as many as `maxPageBytes` allows with those references (``PageBudget``).
    func budgeted(_ rows: [SQLiteResourceStore.ResourceRow], attaching: Bool,
                  in db: Connection) throws -> [StoredResource] {
        var resources = rows.map(\.resource)
        // A User's groups come in one query for the page; a Group's members one group at
        // a time, so members of groups past the budget are never read.
        if attaching, kind == .user { try SQLiteResourceStore.attachReferences(to: &resources, tenant: tenant, in: db) }
        var budget = PageBudget(limit: maxPageBytes)
        var page: [StoredResource] = []
        page.reserveCapacity(rows.count)
        for (row, var resource) in zip(rows, resources) {
            if attaching, kind == .group { try SQLiteResourceStore.attachReferences(to: &resource, tenant: tenant, in: db) }
            guard budget.admits(PageBudget.cost(of: resource, bytes: row.bytes)) else { break }
            page.append(resource)
        }
        return page
    }

    /// Whether a resource sorted by `lhs` (its key, missing or not, and its `seq`) comes
    /// before one sorted by `rhs`: keys in UTF-8 byte order (SQLite's BINARY collation),
    /// a missing key last ascending and first descending (RFC 7644 §3.4.2.3), then
    /// creation order.
    static func precedes(_ lhs: (key: String?, seq: Int64), _ rhs: (key: String?, seq: Int64), ascending: Bool) -> Bool {
        switch (lhs.key, rhs.key) {
        case (nil, nil): break
        case (nil, _?): return !ascending
        case (_?, nil): return ascending
        case (let x?, let y?) where x != y:
            return ascending ? x.utf8.lexicographicallyPrecedes(y.utf8) : y.utf8.lexicographicallyPrecedes(x.utf8)
        default: break
        }
        return lhs.seq < rhs.seq
    }

    /// Selects at most `limit` candidates, holding at most `maxCandidateBytes` of JSON,
    /// with the SQL part of the filter, evaluates the whole filter on each, then sorts
    /// and pages in memory.
    func runInMemory(_ evaluator: FilterEvaluator, limit: Int, needsReferences: Bool,
                     in db: Connection) throws -> ResourcePage {
        let matches = try matching(evaluator, limit: limit, needsReferences: needsReferences, in: db)
        let total = matches.count
        let start = min(startIndex - 1, total)
        let rows = matches[start..<min(start + count, total)].map(\.row)
        let resources = try budgeted(withoutReferences(rows), attaching: includeMembers && !needsReferences, in: db)
        return ResourcePage(total: total, startIndex: startIndex, resources: resources)
    }

    /// `rows` without the members or groups loaded for the filter, unless the page wants them.
    func withoutReferences(_ rows: [SQLiteResourceStore.ResourceRow]) -> [SQLiteResourceStore.ResourceRow] {
        guard !includeMembers else { return rows }
        var rows = rows
        for index in rows.indices {
            rows[index].resource.members = nil
            rows[index].resource.groups = nil
        }
        return rows
    }

    /// The candidates matching the whole filter, in the list's order, with their sort keys.
    func matching(_ evaluator: FilterEvaluator, limit: Int, needsReferences: Bool,
                  in db: Connection) throws -> [(row: SQLiteResourceStore.ResourceRow, key: String?)] {
        let from = self.from
        let sortKey = sortColumn?.sql ?? "NULL"
        var bytes = 0
        let maxBytes = maxCandidateBytes
        let candidates = try db.query(
            "SELECT \(SQLiteResourceStore.columns), \(sortKey) \(from.sql) ORDER BY r.seq LIMIT ?",
            bindings: from.bindings + [.integer(Int64(limit) + 1)],
            map: { row in (try SQLiteResourceStore.resourceRow(row), row.optionalString(7)) },
            while: { candidate in
                bytes += candidate.0.bytes
                return bytes <= maxBytes
            })
        guard candidates.count <= limit else { throw ResourceStoreError.tooMany(limit: limit) }
        // Stopped reading before the last row: the candidates hold more than maxBytes.
        guard bytes <= maxBytes else { throw ResourceStoreError.tooMany(limit: candidates.count) }
        var matches: [(row: SQLiteResourceStore.ResourceRow, key: String?)] = []
        for var candidate in candidates {
            if needsReferences {
                try SQLiteResourceStore.attachReferences(to: &candidate.0.resource, tenant: tenant, in: db)
            }
            if evaluator.matches(candidate.0.resource.rendered()) { matches.append((candidate.0, candidate.1)) }
        }
        if sortColumn != nil {
            let order = keysetOrder
            matches.sort { a, b in
                order.precedes(order.position(seq: a.row.seq, key: a.key), order.position(seq: b.row.seq, key: b.key))
            }
        }
        return matches
    }
}

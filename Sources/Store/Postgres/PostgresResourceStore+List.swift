import FoundationEssentials
import SCIM

extension PostgresResourceStore {
    /// One page of a list (RFC 7644 §3.4.2); see ``ResourceStore/list(_:kind:tenant:)`` and
    /// the type's documentation for how filters are answered.
    public func list(_ query: ResourceQuery, kind: ResourceKind, tenant: TenantID) async throws -> ResourcePage {
        var evaluator: FilterEvaluator?
        let resourceType = query.resourceType(of: kind)
        if let filter = query.filter {
            try FilterValidator.validate(filter, against: resourceType)
            try FilterSQL.checkSupported(filter, kind: kind)
            evaluator = try FilterEvaluator(filter, resourceType: resourceType)
        }
        var sortKey: SortKey?
        if let sortBy = query.sortBy {
            guard FilterSQL.sortColumn(sortBy, kind: kind, resourceType: resourceType) != nil,
                  let key = SortKey(sortBy, kind: kind, resourceType: resourceType) else {
                throw ResourceStoreError.unsupportedSort(attribute: sortBy.description)
            }
            sortKey = key
        }
        let plan = PostgresListPlan(kind: kind, tenant: tenant, sortKey: sortKey, ascending: query.ascending,
                                    startIndex: max(1, query.startIndex),
                                    count: min(max(0, query.count), configuration.maxPageSize),
                                    includeMembers: query.includeMembers, configuration: configuration, seek: query.seek)
        if let evaluator, let filter = query.filter {
            // A filter SQL expresses exactly is counted and paged in SQL, like an unfiltered
            // list; otherwise SQL narrows the candidates and the evaluator decides.
            // A condition that reads the stored JSON costs per row: as on SQLite, it runs
            // only on the rows the rest of the filter bounds to `maxCandidates`.
            if let exact = Self.indexedBound(filter, kind: kind, firstParameter: 2, readsJSON: true), exact.isExact {
                // A sort read from the JSON is bounded the same way, by the whole filter when
                // that reads no JSON (as on SQLite).
                let sortsJSON = sortKey?.readsJSON == true
                let scanBound = exact.usesJSON ? Self.indexedBound(filter, kind: kind, firstParameter: 2) : sortsJSON ? exact : nil
                let checksScan = exact.usesJSON || sortsJSON
                return try await store.read { db in
                    if checksScan { try plan.checkScanBound(scanBound, in: db) }
                    return try plan.run(filteredBy: exact, in: db)
                }
            }
            let bound = Self.indexedBound(filter, kind: kind)
            let needsReferences = SQLiteResourceStore.mentionsMemberships(filter)
            return try await store.read { db in
                try plan.runInMemory(evaluator, bound: bound, needsReferences: needsReferences, in: db)
            }
        }
        return try await store.read { db in try plan.run(in: db) }
    }

    /// A condition in SQL that every resource matching `filter` meets (see
    /// ``PostgresFilterBound``), or `nil`. A superset: the evaluator still decides. Its
    /// parameters follow `$1` (the tenant) and `$2` (the candidate limit), unless
    /// `firstParameter` says otherwise.
    static func indexedBound(_ filter: Filter, kind: ResourceKind, firstParameter: Int = 3,
                             readsJSON: Bool = false) -> PostgresFilterBound? {
        var bound = PostgresFilterBound(firstParameter: firstParameter, readsJSON: readsJSON)
        guard let sql = bound.condition(filter, kind: kind) else { return nil }
        bound.sql = sql
        return bound
    }

    /// What a list may sort on (RFC 7644 §3.4.2.3), as a column and as a key read from a
    /// resource (for lists filtered in memory). Missing values sort last ascending, first
    /// descending (PostgreSQL's own NULL order), then creation order.
    struct SortKey: Sendable {
        /// The column, ordered by bytes.
        let column: String
        /// The key of one resource.
        let key: @Sendable (StoredResource) -> String?
        /// Whether a resource may have no value (it then sorts last ascending, first descending).
        var isNullable = true
        /// Whether the column is text (compared in byte order, `COLLATE "C"`), not a timestamp.
        var isText = true
        /// Whether the column reads the stored JSON (an attribute without a column, ``JSONSortKey``):
        /// such a sort orders at most `maxCandidates` resources, like a filter that does.
        var readsJSON = false

        init?(_ path: AttributePath, kind: ResourceKind, resourceType: ResourceType? = nil) {
            guard let resolved = (resourceType ?? kind.resourceType).resolve(path) else { return nil }
            // An extension's attribute never takes a core attribute's column, whatever its name.
            let name = resolved.isExtension ? "" : resolved.definition.name
            switch (name, resolved.subDefinition?.name) {
            case ("id", nil):
                (column, key) = ("r.id", { $0.id })
                isNullable = false
            case ("externalId", nil): (column, key) = ("r.external_id", { $0.attributes[attribute: "externalId"]?.stringValue })
            // Ignoring case, as they compare: by their folded columns (as SQLite sorts).
            case ("userName", nil):
                (column, key) = ("r.user_name_folded", { $0.attributes[attribute: "userName"]?.stringValue.map(TextFolding.fold) })
                isNullable = false
            case ("displayName", nil):
                (column, key) = ("r.display_name_folded",
                                 { $0.attributes[attribute: "displayName"]?.stringValue.map(TextFolding.fold) })
            case ("meta", "created"):
                (column, key) = ("r.created", { $0.created })
                (isNullable, isText) = (false, false)
            case ("meta", "lastModified"):
                (column, key) = (PostgresResourceStore.lastModified, { $0.lastModified })
                (isNullable, isText) = (false, false)
            default:
                guard let sortable = JSONSortKey(resolved) else { return nil }
                (column, key) = (sortable.postgresExpression, sortable.key(of:))
                readsJSON = true
            }
        }
    }
}

/// How one list request runs on PostgreSQL.
struct PostgresListPlan: Sendable {
    let kind: ResourceKind
    let tenant: TenantID
    let sortKey: PostgresResourceStore.SortKey?
    let ascending: Bool
    let startIndex: Int
    let count: Int
    let includeMembers: Bool
    let configuration: PostgresResourceStore.Configuration
    /// A keyset page of a cursor walk (RFC 9865) instead of the page at `startIndex`.
    var seek: ResourceSeek? = nil

    /// `ORDER BY`, text in byte order, then creation order.
    private var orderBy: String {
        guard let sortKey else { return "ORDER BY r.seq" }
        let collation = sortKey.column == "r.created" || sortKey.column == PostgresResourceStore.lastModified ? "" : " COLLATE \"C\""
        return "ORDER BY (\(sortKey.column))\(collation)\(ascending ? "" : " DESC"), r.seq"
    }

    /// An unfiltered list: counted from `scim_resource_counts` (its shards summed), paged in SQL.
    func run(in db: PostgresConnection) throws -> ResourcePage {
        let total = try db.queryOne("""
            SELECT coalesce(sum(count), 0) FROM scim_resource_counts WHERE tenant_id = $1 AND resource_type = $2
            """, tenant, kind.rawValue) { $0.int(0) } ?? 0
        if sortKey?.readsJSON == true, total > configuration.maxCandidates {
            throw ResourceStoreError.tooMany(limit: configuration.maxCandidates)
        }
        if let seek { return try run(seek, filteredBy: nil, total: total, in: db) }
        guard count > 0, startIndex <= total else { return ResourcePage(total: total, startIndex: startIndex, resources: []) }
        var budget = PageBudget(limit: configuration.maxPageBytes)
        var rows: [SQLiteResourceStore.ResourceRow] = []
        for row in try db.query("""
            SELECT \(PostgresResourceStore.columns) FROM scim_resources r
            WHERE r.tenant_id = $1 AND r.resource_type = \(kind.sqlLiteral) \(orderBy) LIMIT $2 OFFSET $3
            """, tenant, count, startIndex - 1, map: PostgresResourceStore.resourceRow) {
            guard budget.admits(row.bytes) else { break }
            rows.append(row)
        }
        return ResourcePage(total: total, startIndex: startIndex, resources: try budgeted(rows, attaching: includeMembers, in: db))
    }

    /// A list filtered by a condition that is exactly its filter: counted and paged in SQL
    /// (`bound`'s parameters from `$2` on).
    func run(filteredBy bound: PostgresFilterBound, in db: PostgresConnection) throws -> ResourcePage {
        let parameters: [(any PostgresParameter)?] = [tenant] + bound.values.map { $0 }
        let scope = "FROM scim_resources r WHERE r.tenant_id = $1 AND r.resource_type = \(kind.sqlLiteral) AND \(bound.sql)"
        let total = try db.query("SELECT count(*) \(scope)", parameters: parameters) { $0.int(0) }.first ?? 0
        if let seek { return try run(seek, filteredBy: bound, total: total, in: db) }
        guard count > 0, startIndex <= total else { return ResourcePage(total: total, startIndex: startIndex, resources: []) }
        var budget = PageBudget(limit: configuration.maxPageBytes)
        var rows: [SQLiteResourceStore.ResourceRow] = []
        for row in try db.query("SELECT \(PostgresResourceStore.columns) \(scope) \(orderBy) LIMIT \(count) OFFSET \(startIndex - 1)",
                                parameters: parameters, map: PostgresResourceStore.resourceRow) {
            guard budget.admits(row.bytes) else { break }
            rows.append(row)
        }
        return ResourcePage(total: total, startIndex: startIndex, resources: try budgeted(rows, attaching: includeMembers, in: db))
    }

    /// Throws `tooMany` when `bound` (the filter's part on indexed columns; `nil`: the
    /// whole tenant) selects more than `maxCandidates` rows.
    func checkScanBound(_ bound: PostgresFilterBound?, in db: PostgresConnection) throws {
        let limit = configuration.maxCandidates
        let parameters: [(any PostgresParameter)?] = [tenant] + (bound?.values.map { $0 } ?? [])
        let condition = bound.map { " AND " + $0.sql } ?? ""
        let bounded = try db.query("SELECT count(*) FROM (SELECT 1 FROM scim_resources r WHERE r.tenant_id = $1 "
            + "AND r.resource_type = \(kind.sqlLiteral)\(condition) LIMIT \(limit + 1)) bounded",
            parameters: parameters) { $0.int(0) }.first ?? 0
        guard bounded <= limit else { throw ResourceStoreError.tooMany(limit: limit) }
    }

    /// A filtered list: at most `maxCandidates` candidates (holding at most
    /// `maxCandidateBytes` of JSON) within `bound`, the filter evaluated on each, then
    /// sorted and paged in memory.
    func runInMemory(_ evaluator: FilterEvaluator, bound: PostgresFilterBound?, needsReferences: Bool,
                     in db: PostgresConnection) throws -> ResourcePage {
        let limit = configuration.maxCandidates
        var parameters: [(any PostgresParameter)?] = [tenant, limit + 1]
        var condition = ""
        if let bound {
            condition = " AND " + bound.sql
            parameters += bound.values.map { $0 }
        }
        let candidates = try db.query("""
            SELECT \(PostgresResourceStore.columns) FROM scim_resources r
            WHERE r.tenant_id = $1 AND r.resource_type = \(kind.sqlLiteral)\(condition) ORDER BY r.seq LIMIT $2
            """, parameters: parameters, map: PostgresResourceStore.resourceRow)
        guard candidates.count <= limit else { throw ResourceStoreError.tooMany(limit: limit) }
        guard candidates.reduce(0, { $0 + $1.bytes }) <= configuration.maxCandidateBytes else {
            throw ResourceStoreError.tooMany(limit: candidates.count)
        }
        var matches: [SQLiteResourceStore.ResourceRow] = []
        for var candidate in candidates {
            if needsReferences { try PostgresResourceStore.attachReferences(to: &candidate.resource, tenant: tenant, in: db) }
            if evaluator.matches(candidate.resource.rendered()) { matches.append(candidate) }
        }
        // Each match's sort key, computed once for the order and the keyset positions.
        var keyed = matches.map { (row: $0, key: sortKey?.key($0.resource)) }
        if sortKey != nil {
            let ascending = self.ascending
            keyed.sort { a, b in ListPlan.precedes((a.key, a.row.seq), (b.key, b.row.seq), ascending: ascending) }
        }
        if let seek {
            let order = keysetOrder
            return try KeysetPaging.page(of: keyed.map { ($0.row, order.position(seq: $0.row.seq, key: $0.key)) },
                                         order: order, seek: seek, count: count) { rows in
                try budgeted(withoutReferences(rows), attaching: includeMembers && !needsReferences, in: db)
            }
        }
        let total = keyed.count
        let start = min(startIndex - 1, total)
        let rows = withoutReferences(keyed[start..<min(start + count, total)].map(\.row))
        let resources = try budgeted(rows, attaching: includeMembers && !needsReferences, in: db)
        return ResourcePage(total: total, startIndex: startIndex, resources: resources)
    }

    /// `rows` without the members or groups loaded for the filter, unless the page wants them.
    private func withoutReferences(_ rows: [SQLiteResourceStore.ResourceRow]) -> [SQLiteResourceStore.ResourceRow] {
        guard !includeMembers else { return rows }
        return rows.map { row in
            var row = row
            (row.resource.members, row.resource.groups) = (nil, nil)
            return row
        }
    }

    /// The resources of `rows`, with their references when `attaching`, as many as
    /// `maxPageBytes` allows (``PageBudget``).
    func budgeted(_ rows: [SQLiteResourceStore.ResourceRow], attaching: Bool,
                  in db: PostgresConnection) throws -> [StoredResource] {
        var budget = PageBudget(limit: configuration.maxPageBytes)
        var page: [StoredResource] = []
        for row in rows {
            var resource = row.resource
            if attaching { try PostgresResourceStore.attachReferences(to: &resource, tenant: tenant, in: db) }
            guard budget.admits(PageBudget.cost(of: resource, bytes: row.bytes)) else { break }
            page.append(resource)
        }
        return page
    }
}

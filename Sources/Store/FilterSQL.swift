import SCIM

/// Translates a SCIM filter (RFC 7644 §3.4.2.2) into a parameterised SQL condition on
/// `scim_resources r` and its child tables, with the in-memory ``FilterEvaluator``'s
/// semantics.
///
/// - Every generated condition is two-valued (never SQL NULL), so `not` and `ne` behave
///   as the evaluator's negations: `title ne "x"` and `not (title eq "x")` match a
///   resource without the attribute. Nullable columns are compared with `IS` or guarded
///   with `IS NOT NULL AND …`.
/// - Case-insensitive attributes compare the `*_folded` columns (``TextFolding``: `lowercased()` then NFC,
///   as the evaluator folds) with the operand folded the same way; `id`, `externalId`
///   and `meta.version` compare exactly.
/// - `co`, `sw`, `ew` use `GLOB`, which is case-sensitive (the columns are already
///   folded) and whose wildcards `*`, `?` and `[` are escaped as `[*]`, `[?]`, `[[]`;
///   `%`, `_` and `\` are literal in GLOB. A prefix GLOB can use an index.
/// - `meta.created`/`meta.lastModified` compare as instants: the operand (any offset,
///   up to nanoseconds) becomes the stored UTC millisecond form, rounding so that the
///   comparison with millisecond values stays exact.
/// - `emails` (value, type, primary), `members` (value, type) and a User's `groups`
///   (value, type) are `IN` subqueries on their tables, so `emails[type eq "work" and
///   value co "@x"]` means one email matching both, as in memory.
///
/// - Other attributes (`title`, `name.familyName`, `phoneNumbers.value`, extension
///   attributes, `emails.display`) are read from the JSON (``JSONAttributeSQL``): exact,
///   but tested row by row, so only on rows the indexed part bounds (`scanBound`).
///
/// - `and`/`or` chains become one flat `(a AND b AND …)` (``Filter/conjuncts``), so a
///   chain of any length nests one level; ``checkSupported(_:kind:)`` bounds the rest.
///
/// Untranslatable, evaluated in memory by the caller on the candidates the rest selects:
/// `members.display` and `groups.display` (attached from other rows), dateTime
/// attributes other than `meta.created`/`meta.lastModified`, value filters `a[…]` on
/// attributes without their own table, and a `not` over any of those.
public enum FilterSQL {
    /// The translation of one filter.
    public struct Translation: Sendable, Hashable {
        /// A condition every matching resource meets; exactly the filter when `isExact`.
        /// When not exact, it uses indexed columns and tables only.
        public var condition: SQLFragment
        /// Whether `condition` is the whole filter, so no in-memory evaluation is needed.
        public var isExact: Bool
        /// Set when the exact `condition` reads the JSON of every row it is tested on:
        /// the indexed part of the filter (`.true` when none), which must select at most
        /// `maxCandidates` rows before `condition` runs, so no filter scans a whole tenant.
        public var scanBound: SQLFragment?
    }

    /// Translates `filter` for resources of `kind` in `tenant` (subqueries on child
    /// tables bind the tenant again). Validate the filter first (``FilterValidator``).
    /// `resourceType` is the tenant's type when it declares extensions (issue 15).
    public static func translate(_ filter: Filter, kind: ResourceKind, tenant: TenantID,
                                 resourceType: ResourceType? = nil) -> Translation {
        let resourceType = resourceType ?? kind.resourceType
        let indexed = FilterTranslator(kind: kind, resourceType: resourceType, tenant: tenant, readsJSON: false)
        if let exact = indexed.exact(filter) {
            return Translation(condition: exact, isExact: true, scanBound: nil)
        }
        let bound = indexed.superset(filter) ?? .true
        if let exact = FilterTranslator(kind: kind, resourceType: resourceType, tenant: tenant, readsJSON: true).exact(filter) {
            return Translation(condition: exact, isExact: true, scanBound: bound)
        }
        return Translation(condition: bound, isExact: false, scanBound: nil)
    }

    /// The column to sort on for `path` (RFC 7644 §3.4.2.3), or `nil` when it has none: an
    /// indexed column for `id`, `externalId`, `userName`, `displayName`, `meta.created` and
    /// `meta.lastModified`; any other string attribute sorts by its value read from the JSON
    /// (``JSONSortKey``: folded unless `caseExact`, no index).
    static func sortColumn(_ path: AttributePath, kind: ResourceKind, resourceType: ResourceType? = nil) -> FilterColumn? {
        let resourceType = resourceType ?? kind.resourceType
        guard let resolved = resourceType.resolve(path) else { return nil }
        if !resolved.isExtension, ["id", "externalId", "userName", "displayName", "meta"].contains(resolved.definition.name) {
            guard resolved.definition.name != "meta" || ["created", "lastModified"].contains(resolved.subDefinition?.name ?? "")
            else { return nil }
            return FilterColumn.resource(resolved, kind: kind)
        }
        guard let sortable = JSONSortKey(resolved) else { return nil }
        var column = FilterColumn(sql: sortable.sqliteExpression, kind: sortable.isCaseExact ? .exact : .folded, isNullable: true)
        column.readsJSON = true
        return column
    }
}

/// The recursive part of ``FilterSQL``.
struct FilterTranslator {
    let kind: ResourceKind
    /// The kind's type, or the tenant's with its declared extensions.
    let resourceType: ResourceType
    let tenant: TenantID
    /// Whether leaves may read the JSON (``JSONAttributeSQL``), or only indexed data.
    let readsJSON: Bool

    /// The exact condition for `filter`, or `nil` when some part is untranslatable.
    func exact(_ filter: Filter) -> SQLFragment? {
        switch filter {
        case .and:
            return translated(filter.conjuncts, exact).map(SQLFragment.all)
        case .or:
            return translated(filter.disjuncts, exact).map(SQLFragment.any)
        case .not(let inner):
            return exact(inner).map(SQLFragment.not)
        case .present(let path):
            return leaf(path, forComparison: false) { column in column.present() } elements: { table, sub in
                // `members pr` and `groups pr` are about any row (each has a `value`).
                guard let sub else { return table.rowsArePresent ? table.any(.true) : nil }
                return table.column(sub).map { table.any($0.present()) }
            } json: { $0.present() }
        case .compare(let path, let op, let value):
            return leaf(path, forComparison: true) { column in column.compare(op, value) } elements: { table, sub in
                // RFC 7643 §2.4: a complex attribute compared as a whole compares `value`.
                guard let column = table.column(sub ?? "value") else { return nil }
                return table.compare(column, op, value)
            } json: { $0.compare(op, value) }
        case .valuePath(let path, let inner):
            guard path.subAttribute == nil, let resolved = resourceType.resolve(path), !resolved.isExtension,
                  let table = ElementTable(attribute: resolved.definition.name, kind: kind, tenant: tenant),
                  let condition = elementExact(inner, in: table) else { return nil }
            return table.any(condition)
        }
    }

    /// A condition implied by `filter` (a superset of its matches), or `nil` for "any".
    func superset(_ filter: Filter) -> SQLFragment? {
        if let exact = exact(filter) { return exact }
        switch filter {
        case .and:
            let parts = filter.conjuncts.compactMap(superset)
            return parts.isEmpty ? nil : .all(parts)
        case .or:
            return translated(filter.disjuncts, superset).map(SQLFragment.any)
        default:
            return nil
        }
    }

    /// Translates a leaf on `path`: through a column of `scim_resources`, through an
    /// element table and the sub-attribute named in the path, or else through the JSON.
    private func leaf(_ path: AttributePath, forComparison: Bool,
                      column: (FilterColumn) -> SQLFragment?,
                      elements: (ElementTable, String?) -> SQLFragment?,
                      json: (JSONAttributeSQL) -> SQLFragment?) -> SQLFragment? {
        guard let resolved = resourceType.resolve(path) else { return nil }
        if !resolved.isExtension {
            if let table = ElementTable(attribute: resolved.definition.name, kind: kind, tenant: tenant),
               let fragment = elements(table, resolved.subDefinition?.name) {
                return fragment
            }
            if let resourceColumn = FilterColumn.resource(resolved, kind: kind) { return column(resourceColumn) }
        }
        guard readsJSON else { return nil }
        return JSONAttributeSQL(resolved, forComparison: forComparison).flatMap(json)
    }

    /// Each operand translated, or `nil` when one cannot be.
    private func translated(_ operands: [Filter], _ translate: (Filter) -> SQLFragment?) -> [SQLFragment]? {
        var parts: [SQLFragment] = []
        parts.reserveCapacity(operands.count)
        for operand in operands {
            guard let part = translate(operand) else { return nil }
            parts.append(part)
        }
        return parts
    }

    /// The exact condition for a value filter on one element row, or `nil`.
    private func elementExact(_ filter: Filter, in table: ElementTable) -> SQLFragment? {
        switch filter {
        case .and:
            return translated(filter.conjuncts, { elementExact($0, in: table) }).map(SQLFragment.all)
        case .or:
            return translated(filter.disjuncts, { elementExact($0, in: table) }).map(SQLFragment.any)
        case .not(let inner):
            return elementExact(inner, in: table).map(SQLFragment.not)
        case .present(let path):
            guard path.schemaURN == nil, path.subAttribute == nil else { return nil }
            return table.column(path.name)?.present()
        case .compare(let path, let op, let value):
            guard path.schemaURN == nil, path.subAttribute == nil else { return nil }
            return table.column(path.name)?.compare(op, value)
        case .valuePath:
            return nil
        }
    }
}

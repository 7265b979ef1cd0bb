import Coffee
import SCIM

/// The part of a SCIM filter PostgreSQL answers in SQL: a condition on `scim_resources r`
/// with its values as `$n` parameters from `firstParameter` on (values never enter the
/// SQL text). When ``isExact``, the condition is the filter, and the list is counted and
/// paged in SQL; otherwise it is a superset of the matches, which ``FilterEvaluator``
/// narrows in memory.
///
/// Expressed: `eq`, `sw`, `ew`, `co` (`LIKE`, escaped) and `gt`/`ge`/`lt`/`le` on `id`,
/// `externalId` (case-exact), `userName`, `displayName` and emails' `value` (folded, as
/// they compare); `ne` and `not` of an exact condition (a missing value is "not equal");
/// `active eq true`; attributes read from the stored JSON when ``readsJSON``
/// (``jsonComparison(_:_:_:)``); AND and OR of those. Supersets only: `active eq false`,
/// a Group's `members.value` and a User's `groups.value` (the membership rows), and
/// `meta.created`/`meta.lastModified` against instants (`timestamptz`, bracketing the
/// operand's millisecond).
struct PostgresFilterBound: Sendable {
    /// The condition.
    var sql = ""
    /// Its parameters' values, in order.
    var values: [String] = []
    /// The number of the first parameter.
    let firstParameter: Int
    /// Whether the condition is exactly the filter (every resource meeting it matches),
    /// so the list can be counted and paged in SQL; `false` for a mere superset.
    private(set) var isExact = true

    /// Whether conditions may read the stored JSON (costly per row: see
    /// ``PostgresResourceStore/list(_:kind:tenant:)``'s scan bound).
    let readsJSON: Bool
    /// Whether the condition reads the stored JSON.
    var usesJSON = false

    init(firstParameter: Int, readsJSON: Bool = false) {
        self.firstParameter = firstParameter
        self.readsJSON = readsJSON
    }

    /// The next parameter, bound to `value`.
    mutating func parameter(_ value: String) -> String {
        values.append(value)
        return "$\(firstParameter + values.count - 1)"
    }

    /// The indexed condition `filter` implies, or `nil` when it implies none.
    mutating func condition(_ filter: Filter, kind: ResourceKind) -> String? {
        switch filter {
        case .and(let lhs, let rhs):
            let mark = values.count
            let left = condition(lhs, kind: kind)
            let right = condition(rhs, kind: kind)
            switch (left, right) {
            case (let l?, let r?): return "(\(l) AND \(r))"
            case (let l?, nil):
                isExact = false
                return l
            case (nil, let r?):
                isExact = false
                return r
            case (nil, nil):
                isExact = false
                values.removeSubrange(mark...)
                return nil
            }
        case .or(let lhs, let rhs):
            let mark = values.count
            guard let left = condition(lhs, kind: kind), let right = condition(rhs, kind: kind) else {
                values.removeSubrange(mark...)
                isExact = false
                return nil
            }
            return "(\(left) OR \(right))"
        case .compare(let path, .ne, let value):
            // `ne` is `not eq` (RFC 7644 §3.4.2.2), missing values included.
            return condition(.not(.compare(path, .eq, value)), kind: kind)
        case .not(let inner):
            // Only an exact condition can be negated; NULL (a missing column) counts as false.
            var negated = self
            negated.isExact = true
            guard let inner = negated.condition(inner, kind: kind), negated.isExact else {
                isExact = false
                return nil
            }
            self = negated
            return "NOT COALESCE(\(inner), FALSE)"
        case .compare(let path, let op, let value):
            return exactUnlessNil(comparison(path, op, value, kind: kind))
        case .valuePath(let path, .compare(let inner, let op, let value)):
            // `a[b op v]` with one comparison is `a.b op v` (RFC 7644 §3.4.2.2).
            let sub = inner.subAttribute ?? inner.name
            return exactUnlessNil(comparison(AttributePath(schemaURN: path.schemaURN, name: path.name, subAttribute: sub),
                                             op, value, kind: kind))
        default:
            isExact = false
            return nil
        }
    }

    /// `condition`, noting that a leaf with no condition makes the whole inexact.
    private mutating func exactUnlessNil(_ condition: String?) -> String? {
        if condition == nil { isExact = false }
        return condition
    }

    /// A condition `path op value` implies on a column or on the stored JSON, or `nil`.
    private mutating func comparison(_ path: AttributePath, _ op: ComparisonOperator, _ value: FilterValue,
                                     kind: ResourceKind) -> String? {
        guard let resolved = kind.resourceType.resolve(path) else { return nil }
        guard !resolved.isExtension else { return jsonComparison(resolved, op, value) }
        let caseExact = (resolved.subDefinition ?? resolved.definition).isCaseExact
        switch (resolved.definition.name, resolved.subDefinition?.name) {
        case ("meta", "created"):
            isExact = false  // a bracket around the operand's millisecond
            return instant("r.created", op, value)
        case ("meta", "lastModified"):
            isExact = false
            return instant(kind == .group ? "(\(PostgresResourceStore.groupLastModified))" : "r.last_modified", op, value)
        case ("active", nil) where kind == .user:
            guard op == .eq, case .bool(let flag) = value else { return jsonComparison(resolved, op, value) }
            if !flag { isExact = false }  // also users without `active`, which `active eq false` does not match
            return flag ? "r.active IS TRUE" : "r.active IS NOT TRUE"
        case ("members", "value") where kind == .group:
            isExact = false  // the evaluator compares the references it attaches
            // Member ids are stored lower-cased.
            guard op == .eq, case .string(let id) = value else { return nil }
            return """
                EXISTS (SELECT 1 FROM scim_group_members m WHERE m.tenant_id = r.tenant_id AND m.group_id = r.id \
                AND m.member_id = \(parameter(id.lowercased())))
                """
        case ("groups", "value") where kind == .user:
            isExact = false
            guard op == .eq, case .string(let id) = value else { return nil }
            return """
                EXISTS (SELECT 1 FROM scim_group_members m WHERE m.tenant_id = r.tenant_id AND m.member_id = r.id \
                AND m.group_id = \(parameter(id.lowercased())))
                """
        default: break
        }
        let column: String
        switch (resolved.definition.name, resolved.subDefinition?.name, caseExact) {
        case ("id", nil, true): column = "r.id"
        case ("externalId", nil, true): column = "r.external_id"
        case ("userName", nil, false) where kind == .user: column = "r.user_name_folded"
        case ("displayName", nil, false): column = "r.display_name_folded"
        case ("emails", "value", false) where kind == .user: column = "e.value_folded"
        default: return jsonComparison(resolved, op, value)
        }
        guard case .string(let text) = value, op != .ne else {
            return column == "r.id" ? nil : jsonComparison(resolved, op, value)
        }
        let operand = caseExact ? text : TextFolding.fold(text)
        let condition: String
        switch op {
        case .eq: condition = "\(column) = \(parameter(operand))"
        case .sw: condition = "\(column) LIKE \(parameter(MemberQuery.escapedForLike(operand) + "%")) ESCAPE '\\'"
        case .ew: condition = "\(column) LIKE \(parameter("%" + MemberQuery.escapedForLike(operand))) ESCAPE '\\'"
        case .co: condition = "\(column) LIKE \(parameter("%" + MemberQuery.escapedForLike(operand) + "%")) ESCAPE '\\'"
        // Folded text in code-point order, as Swift orders the folded strings.
        case .gt: condition = "\(column) COLLATE \"C\" > \(parameter(operand))"
        case .ge: condition = "\(column) COLLATE \"C\" >= \(parameter(operand))"
        case .lt: condition = "\(column) COLLATE \"C\" < \(parameter(operand))"
        case .le: condition = "\(column) COLLATE \"C\" <= \(parameter(operand))"
        case .ne: return nil
        }
        guard column.hasPrefix("e.") else { return condition }
        return "EXISTS (SELECT 1 FROM scim_emails e WHERE e.resource_seq = r.seq AND e.tenant_id = r.tenant_id AND \(condition))"
    }

    /// A bound on an instant column that `column op value` implies: stored instants are
    /// whole milliseconds, so the operand's floor and the millisecond after it bracket it.
    private mutating func instant(_ column: String, _ op: ComparisonOperator, _ value: FilterValue) -> String? {
        guard case .string(let text) = value, let instant = DateTimeInstant(text),
              let (stamp, _) = InstantText.floorMilliseconds(instant), !stamp.hasPrefix("0000") else { return nil }
        switch op {
        case .gt, .ge: return "\(column) >= \(parameter(stamp))::timestamptz"
        case .lt, .le: return "\(column) <= \(parameter(stamp))::timestamptz + interval '1 millisecond'"
        case .eq:
            let floor = parameter(stamp)
            return "(\(column) >= \(floor)::timestamptz AND \(column) <= \(floor)::timestamptz + interval '1 millisecond')"
        default: return nil
        }
    }
}

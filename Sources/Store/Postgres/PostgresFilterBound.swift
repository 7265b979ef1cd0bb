import Coffee
import SCIM

/// The part of a SCIM filter PostgreSQL answers in SQL: a condition on `scim_resources r`
/// that every matching resource meets (a superset of the matches, which ``FilterEvaluator``
/// then narrows), with its values as `$n` parameters from `firstParameter` on. Values never
/// enter the SQL text. Equalities, `sw`, `ew` and `co` (`LIKE`, escaped) on `id`,
/// `externalId` (case-exact), `userName`, `displayName` and emails' `value` (folded, as
/// they compare), `active`, a Group's `members.value` and a User's `groups.value` (the
/// membership rows), and `meta.created`/`meta.lastModified` against instants
/// (`timestamptz`, bracketing the operand's millisecond); AND and OR of those.
struct PostgresFilterBound: Sendable {
    /// The condition.
    var sql = ""
    /// Its parameters' values, in order.
    var values: [String] = []
    /// The number of the first parameter.
    let firstParameter: Int

    init(firstParameter: Int) {
        self.firstParameter = firstParameter
    }

    /// The next parameter, bound to `value`.
    private mutating func parameter(_ value: String) -> String {
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
            case (let l?, nil): return l
            case (nil, let r?): return r
            case (nil, nil):
                values.removeSubrange(mark...)
                return nil
            }
        case .or(let lhs, let rhs):
            let mark = values.count
            guard let left = condition(lhs, kind: kind), let right = condition(rhs, kind: kind) else {
                values.removeSubrange(mark...)
                return nil
            }
            return "(\(left) OR \(right))"
        case .compare(let path, let op, let value):
            return comparison(path, op, value, kind: kind)
        case .valuePath(let path, .compare(let inner, let op, let value)):
            let sub = inner.subAttribute ?? inner.name
            return comparison(AttributePath(schemaURN: path.schemaURN, name: path.name, subAttribute: sub), op, value, kind: kind)
        default:
            return nil
        }
    }

    /// A condition `path op value` implies on a column, or `nil`.
    private mutating func comparison(_ path: AttributePath, _ op: ComparisonOperator, _ value: FilterValue,
                                     kind: ResourceKind) -> String? {
        guard let resolved = kind.resourceType.resolve(path), !resolved.isExtension else { return nil }
        let caseExact = (resolved.subDefinition ?? resolved.definition).isCaseExact
        switch (resolved.definition.name, resolved.subDefinition?.name) {
        case ("meta", "created"): return instant("r.created", op, value)
        case ("meta", "lastModified"): return instant("r.last_modified", op, value)
        case ("active", nil) where kind == .user:
            guard op == .eq, case .bool(let flag) = value else { return nil }
            return flag ? "r.active IS TRUE" : "r.active IS NOT TRUE"
        case ("members", "value") where kind == .group:
            // Member ids are stored lower-cased.
            guard op == .eq, case .string(let id) = value else { return nil }
            return """
                EXISTS (SELECT 1 FROM scim_group_members m WHERE m.tenant_id = r.tenant_id AND m.group_id = r.id \
                AND m.member_id = \(parameter(id.lowercased())))
                """
        case ("groups", "value") where kind == .user:
            guard op == .eq, case .string(let id) = value else { return nil }
            return """
                EXISTS (SELECT 1 FROM scim_group_members m WHERE m.tenant_id = r.tenant_id AND m.member_id = r.id \
                AND m.group_id = \(parameter(id.lowercased())))
                """
        default: break
        }
        guard case .string(let text) = value else { return nil }
        let column: String
        switch (resolved.definition.name, resolved.subDefinition?.name, caseExact) {
        case ("id", nil, true): column = "r.id"
        case ("externalId", nil, true): column = "r.external_id"
        case ("userName", nil, false) where kind == .user: column = "r.user_name_folded"
        case ("displayName", nil, false): column = "r.display_name_folded"
        case ("emails", "value", false) where kind == .user: column = "e.value_folded"
        default: return nil
        }
        let operand = caseExact ? text : TextFolding.fold(text)
        let condition: String
        switch op {
        case .eq: condition = "\(column) = \(parameter(operand))"
        case .sw: condition = "\(column) LIKE \(parameter(MemberQuery.escapedForLike(operand) + "%")) ESCAPE '\\'"
        case .ew: condition = "\(column) LIKE \(parameter("%" + MemberQuery.escapedForLike(operand))) ESCAPE '\\'"
        case .co: condition = "\(column) LIKE \(parameter("%" + MemberQuery.escapedForLike(operand) + "%")) ESCAPE '\\'"
        default: return nil
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

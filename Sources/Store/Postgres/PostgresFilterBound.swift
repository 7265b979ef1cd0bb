import SCIM

/// The part of a SCIM filter PostgreSQL answers with indexes: a condition on
/// `scim_resources r` that every matching resource meets (a superset of the matches, which
/// ``FilterEvaluator`` then narrows), with its values as `$n` parameters from
/// `firstParameter` on. Values never enter the SQL text.
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
        case .compare(let path, .eq, .string(let value)):
            return equality(path, value, kind: kind)
        case .valuePath(let path, .compare(let inner, .eq, .string(let value))):
            let sub = inner.subAttribute ?? inner.name
            return equality(AttributePath(schemaURN: path.schemaURN, name: path.name, subAttribute: sub), value, kind: kind)
        default:
            return nil
        }
    }

    /// `path eq value` on an indexed column, or `nil`.
    private mutating func equality(_ path: AttributePath, _ value: String, kind: ResourceKind) -> String? {
        guard let resolved = kind.resourceType.resolve(path), !resolved.isExtension else { return nil }
        let caseExact = (resolved.subDefinition ?? resolved.definition).isCaseExact
        switch (resolved.definition.name, resolved.subDefinition?.name, caseExact) {
        case ("id", nil, true): return "r.id = \(parameter(value))"
        case ("externalId", nil, true): return "r.external_id = \(parameter(value))"
        case ("userName", nil, false) where kind == .user:
            return "r.user_name_folded = \(parameter(TextFolding.fold(value)))"
        case ("displayName", nil, false): return "r.display_name_folded = \(parameter(TextFolding.fold(value)))"
        case ("emails", "value", false) where kind == .user:
            return """
                EXISTS (SELECT 1 FROM scim_emails e WHERE e.resource_seq = r.seq AND e.tenant_id = r.tenant_id \
                AND e.value_folded = \(parameter(TextFolding.fold(value))))
                """
        default: return nil
        }
    }
}

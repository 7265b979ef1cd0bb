import Coffee
import Foundation
import SCIM

extension PostgresFilterBound {
    /// `attribute op value` on an attribute read from the stored JSON (`title`,
    /// `name.familyName`, `phoneNumbers.value`, the enterprise extension's
    /// `costCenter`…), with ``FilterEvaluator``'s reading of a resource (as SQLite's
    /// ``JSONAttributeSQL``): keys ignoring case, an extension's attributes under its URN,
    /// arrays flattened one level before and after a sub-attribute, strings only against
    /// strings, folded as ``TextFolding`` folds (lower-case with ICU's root locale, then
    /// NFC) unless `caseExact`, booleans also from `"true"`/`"false"` text, numbers
    /// numerically. Expressed: `eq`, `sw`, `ew`, `co` on strings, `eq` on booleans,
    /// `eq`/`gt`/`ge`/`lt`/`le` on numbers; anything else (dates, `ne`, `pr`, nulls) is
    /// `nil`, left to the evaluator.
    mutating func jsonComparison(_ resolved: ResolvedAttribute, _ op: ComparisonOperator, _ value: FilterValue) -> String? {
        guard readsJSON, let json = JSONAttributeSQL(resolved, forComparison: true) else { return nil }
        // The test on one leaf value `v` (jsonb), with its operand still to bind.
        let operand: String
        let test: (_ v: String, _ parameter: String) -> String
        switch json.leaf.type {
        case .string, .reference, .binary:
            guard case .string(let text) = value else { return nil }
            let caseExact = json.leaf.isCaseExact || json.leaf.type == .binary
            let read: (String) -> String = caseExact
                ? { "normalize(\($0) #>> '{}', NFC)" }
                : { "normalize(lower((\($0) #>> '{}') COLLATE \"und-x-icu\"), NFC)" }
            let folded = caseExact ? text.precomposedStringWithCanonicalMapping : TextFolding.fold(text)
            let escaped = MemberQuery.escapedForLike(folded)
            let comparison: String
            switch op {
            case .eq: (operand, comparison) = (folded, "=")
            case .sw: (operand, comparison) = (escaped + "%", "LIKE")
            case .ew: (operand, comparison) = ("%" + escaped, "LIKE")
            case .co: (operand, comparison) = ("%" + escaped + "%", "LIKE")
            default: return nil
            }
            let escape = comparison == "LIKE" ? " ESCAPE '\\'" : ""
            test = { v, p in "(jsonb_typeof(\(v)) = 'string' AND \(read(v)) COLLATE \"C\" \(comparison) \(p)\(escape))" }
        case .boolean:
            guard op == .eq, case .bool(let flag) = value else { return nil }
            operand = flag ? "true" : "false"
            test = { v, p in "(jsonb_typeof(\(v)) IN ('boolean', 'string') AND lower(\(v) #>> '{}') = \(p))" }
        case .integer, .decimal:
            switch value {
            case .integer(let integer): operand = String(integer)
            case .decimal(let decimal) where decimal.isFinite: operand = String(decimal)
            default: return nil
            }
            let symbols: [ComparisonOperator: String] = [.eq: "=", .gt: ">", .ge: ">=", .lt: "<", .le: "<="]
            guard let symbol = symbols[op] else { return nil }
            test = { v, p in "(jsonb_typeof(\(v)) = 'number' AND (\(v) #>> '{}')::numeric \(symbol) \(p)::numeric)" }
        case .dateTime, .complex:
            return nil
        }
        // Parameters only once the condition is sure to be used.
        var from = "FROM "
        var wheres: [String] = []
        if let urn = json.extensionURN {
            from += "jsonb_each(r.json::jsonb) e CROSS JOIN LATERAL jsonb_each(\(Self.object("e.value"))) a"
            wheres.append("lower(e.key) = \(parameter(urn))")
        } else {
            from += "jsonb_each(r.json::jsonb) a"
        }
        wheres.append("lower(a.key) = \(parameter(json.name))")
        from += " CROSS JOIN LATERAL \(Self.flattened("a.value")) t1"
        var leaf = "t1.v"
        if let sub = json.sub {
            from += " CROSS JOIN LATERAL jsonb_each(\(Self.object("t1.v"))) b CROSS JOIN LATERAL \(Self.flattened("b.value")) t2"
            wheres.append("lower(b.key) = \(parameter(sub))")
            leaf = "t2.v"
        }
        wheres.append(test(leaf, parameter(operand)))
        usesJSON = true
        return "EXISTS (SELECT 1 \(from) WHERE \(wheres.joined(separator: " AND ")))"
    }

    /// `value` when it is an object, else an empty one (for `jsonb_each`).
    private static func object(_ value: String) -> String {
        "CASE WHEN jsonb_typeof(\(value)) = 'object' THEN \(value) ELSE '{}'::jsonb END"
    }

    /// The values of `value` flattened one level: the value itself, or its elements when
    /// it is an array; as rows of one column `v`.
    private static func flattened(_ value: String) -> String {
        """
        (SELECT \(value) AS v WHERE jsonb_typeof(\(value)) <> 'array' UNION ALL \
        SELECT x.v FROM jsonb_array_elements(CASE WHEN jsonb_typeof(\(value)) = 'array' THEN \(value) ELSE '[]'::jsonb END) AS x(v))
        """
    }
}

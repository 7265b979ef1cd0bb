import SCIM

/// Filters on attributes that live only in the stored JSON (`title`, `name.familyName`,
/// `phoneNumbers.value`, extension attributes…), as `EXISTS` over `json_each`, with the
/// evaluator's reading of a resource (RFC 7644 §3.4.2.2):
///
/// - keys match ignoring case (`lower(key)`; attribute names and URNs are ASCII);
/// - an extension attribute lives in the object under its schema URN;
/// - an array is flattened one level, then a sub-attribute is read from each object
///   element and flattened again, nulls dropped (`FilterEvaluator.getter`);
/// - strings compare only with strings, folded by `percolator_fold` (Swift's
///   `lowercased()`) unless `caseExact`; booleans also from `"True"`/`"False"`;
///   numbers numerically; `pr` is a non-empty scalar anywhere inside (`json_tree`).
///
/// Not expressed (left to memory): dateTime attributes and value filters `a[…]`. Such
/// conditions scan the tenant's rows in SQL, but never load them into Swift.
struct JSONAttributeSQL {
    let extensionURN: String?
    let name: String
    let sub: String?
    let leaf: AttributeDefinition

    /// The JSON reading of `resolved` for a comparison (`forComparison`: a complex
    /// attribute without sub-attribute compares `value`), or `nil` for attributes that
    /// are columns or computed (`id`, `meta`, `members`, `groups`).
    init?(_ resolved: ResolvedAttribute, forComparison: Bool) {
        guard !["id", "meta", "members", "groups"].contains(resolved.definition.name) || resolved.isExtension else { return nil }
        extensionURN = resolved.isExtension ? resolved.schema.id.lowercased() : nil
        name = resolved.definition.name.lowercased()
        var sub = resolved.subDefinition
        if sub == nil, forComparison, resolved.definition.type == .complex {
            guard let value = resolved.definition.subAttribute(named: "value") else { return nil }
            sub = value
        }
        self.sub = sub?.name.lowercased()
        leaf = sub ?? resolved.definition
    }

    /// Some value meets `condition(value, type)` (the `value` and `type` columns of
    /// `json_each`).
    private func any(_ condition: (String, String) -> SQLFragment) -> SQLFragment {
        var keys: [SQLValue] = []
        var from = "FROM "
        var wheres: [String] = []
        var container = "r.json"
        if let extensionURN {
            from += "json_each(r.json) e, "
            wheres.append("lower(e.key) = ?")
            keys.append(.text(extensionURN))
            container = "CASE WHEN e.type = 'object' THEN e.value ELSE '{}' END"
        }
        from += "json_each(\(container)) a"
        wheres.append("lower(a.key) = ?")
        keys.append(.text(name))
        // Top values: the attribute itself, or the elements of an array.
        var levels: [(from: String, wheres: [String], value: String, type: String, keys: [SQLValue])] = [
            (from, wheres + ["a.type <> 'array'"], "a.value", "a.type", keys),
            (from + ", json_each(CASE WHEN a.type = 'array' THEN a.value ELSE '[]' END) x", wheres, "x.value", "x.type", keys),
        ]
        if let sub {
            levels = levels.flatMap { level -> [(String, [String], String, String, [SQLValue])] in
                let object = "json_each(CASE WHEN \(level.type) = 'object' THEN \(level.value) ELSE '{}' END) b"
                let base = (level.from + ", " + object, level.wheres + ["lower(b.key) = ?"], level.keys + [.text(sub)])
                return [
                    (base.0, base.1 + ["b.type <> 'array'"], "b.value", "b.type", base.2),
                    (base.0 + ", json_each(CASE WHEN b.type = 'array' THEN b.value ELSE '[]' END) y", base.1, "y.value", "y.type", base.2),
                ]
            }
        }
        let branches = levels.map { level -> SQLFragment in
            let test = condition(level.value, level.type)
            return SQLFragment("EXISTS (SELECT 1 \(level.from) WHERE \(level.wheres.joined(separator: " AND ")) AND \(test.sql))",
                               level.keys + test.bindings)
        }
        return .any(branches)
    }

    /// `pr`: a non-empty value (RFC 7644 §3.4.2.2), nested ones included.
    func present() -> SQLFragment {
        any { v, t in
            SQLFragment("""
                (\(t) IN ('true', 'false', 'integer', 'real') OR (\(t) = 'text' AND \(v) <> '') OR (\(t) IN ('array', 'object') \
                AND EXISTS (SELECT 1 FROM json_tree(CASE WHEN \(t) IN ('array', 'object') THEN \(v) ELSE 'null' END) z \
                WHERE z.type IN ('true', 'false', 'integer', 'real') OR (z.type = 'text' AND z.atom <> ''))))
                """)
        }
    }

    /// `attribute op value`, or `nil` when not expressible.
    func compare(_ op: ComparisonOperator, _ value: FilterValue) -> SQLFragment? {
        if case .null = value {
            let someValue = any { _, t in SQLFragment("\(t) <> 'null'") }
            switch op {
            case .eq: return .not(someValue)
            case .ne: return someValue
            default: return nil
            }
        }
        if op == .ne { return compare(.eq, value).map(SQLFragment.not) }
        switch leaf.type {
        case .string, .reference, .binary:
            guard case .string(let text) = value else { return nil }
            let caseExact = leaf.isCaseExact || leaf.type == .binary
            let operand = caseExact ? text : TextFolding.fold(text)
            let pattern: String
            let test: String
            switch op {
            case .co: (test, pattern) = ("GLOB", "*" + FilterColumn.globEscaped(operand) + "*")
            case .sw: (test, pattern) = ("GLOB", FilterColumn.globEscaped(operand) + "*")
            case .ew: (test, pattern) = ("GLOB", "*" + FilterColumn.globEscaped(operand))
            case .eq: (test, pattern) = ("=", operand)
            case .gt: (test, pattern) = (">", operand)
            case .ge: (test, pattern) = (">=", operand)
            case .lt: (test, pattern) = ("<", operand)
            case .le: (test, pattern) = ("<=", operand)
            case .ne: return nil
            }
            return any { v, t in
                SQLFragment("(\(t) = 'text' AND \(caseExact ? v : "percolator_fold(\(v))") \(test) ?)", [.text(pattern)])
            }
        case .boolean:
            guard op == .eq, let wanted = FilterColumn.boolean(value) else { return nil }
            let word = wanted ? "true" : "false"
            return any { v, t in SQLFragment("(\(t) = ? OR (\(t) = 'text' AND lower(\(v)) = ?))", [.text(word), .text(word)]) }
        case .integer, .decimal:
            let operand: SQLValue
            switch value {
            case .integer(let integer): operand = .integer(integer)
            case .decimal(let decimal): operand = .real(decimal)
            default: return nil
            }
            let symbol: String
            switch op {
            case .eq: symbol = "="
            case .gt: symbol = ">"
            case .ge: symbol = ">="
            case .lt: symbol = "<"
            case .le: symbol = "<="
            default: return nil
            }
            return any { v, t in SQLFragment("(\(t) IN ('integer', 'real') AND \(v) \(symbol) ?)", [operand]) }
        case .dateTime, .complex:
            return nil
        }
    }
}

import SCIM

/// A column (or SQL expression) a filter leaf compares, and how: the comparisons of
/// RFC 7644 §3.4.2.2 Table 3 as two-valued SQL, matching ``FilterEvaluator``.
struct FilterColumn {
    /// How values of the column compare.
    enum Kind {
        /// Text folded with ``TextFolding``; operands are folded the same way.
        case folded
        /// Text compared as is (`caseExact`).
        case exact
        /// 1, 0 or NULL.
        case boolean
        /// `Timestamp` text: UTC, milliseconds, fixed width.
        case instant
    }

    /// The SQL expression, e.g. `r.user_name_folded`. A constant, never input.
    let sql: String
    let kind: Kind
    /// Whether the expression can be NULL (the attribute is absent).
    let isNullable: Bool
    /// Whether the expression reads the stored JSON (an attribute without a column,
    /// ``JSONSortKey``): it then costs per row, so it is only run on a bounded set.
    var readsJSON = false

    /// The `scim_resources` column of a core or common attribute, or `nil`.
    static func resource(_ resolved: ResolvedAttribute, kind: ResourceKind) -> FilterColumn? {
        switch (resolved.definition.name, resolved.subDefinition?.name) {
        case ("id", nil): return FilterColumn(sql: "r.id", kind: .exact, isNullable: false)
        case ("externalId", nil): return FilterColumn(sql: "r.external_id", kind: .exact, isNullable: true)
        case ("userName", nil) where kind == .user:
            return FilterColumn(sql: "r.user_name_folded", kind: .folded, isNullable: false)
        case ("displayName", nil):
            return FilterColumn(sql: "r.display_name_folded", kind: .folded, isNullable: kind == .user)
        case ("active", nil) where kind == .user: return FilterColumn(sql: "r.active", kind: .boolean, isNullable: true)
        case ("meta", "created"): return FilterColumn(sql: "r.created", kind: .instant, isNullable: false)
        case ("meta", "lastModified"): return FilterColumn(sql: "r.last_modified", kind: .instant, isNullable: false)
        case ("meta", "version"):
            return FilterColumn(sql: #"('W/"' || r.version || '"')"#, kind: .exact, isNullable: false)
        case ("meta", "resourceType"): return FilterColumn(sql: kind.sqlLiteral, kind: .exact, isNullable: false)
        default: return nil
        }
    }

    /// `condition`, false where the column is NULL (so it never yields SQL NULL).
    private func guarded(_ condition: String, _ bindings: [SQLValue]) -> SQLFragment {
        isNullable ? SQLFragment("(\(sql) IS NOT NULL AND \(condition))", bindings) : SQLFragment("(\(condition))", bindings)
    }

    /// `pr`: a non-empty value (RFC 7644 §3.4.2.2).
    func present() -> SQLFragment {
        switch kind {
        case .folded, .exact: return guarded("\(sql) <> ''", [])
        case .boolean, .instant: return isNullable ? SQLFragment("(\(sql) IS NOT NULL)") : .true
        }
    }

    /// `column op value`, or `nil` when the operand does not suit the column (the
    /// validator rejects those first) or cannot be expressed exactly.
    func compare(_ op: ComparisonOperator, _ value: FilterValue) -> SQLFragment? {
        if case .null = value {
            // RFC 7643 §2.5: null is unassigned; `eq null` matches an absent attribute.
            switch op {
            case .eq: return SQLFragment("(\(sql) IS NULL)")
            case .ne: return SQLFragment("(\(sql) IS NOT NULL)")
            default: return nil
            }
        }
        if op == .ne { return compare(.eq, value).map(SQLFragment.not) }
        switch kind {
        case .folded, .exact:
            guard case .string(let text) = value else { return nil }
            return strings(op, kind == .folded ? TextFolding.fold(text) : text)
        case .boolean:
            guard op == .eq, let wanted = Self.boolean(value) else { return nil }
            return guarded("\(sql) = ?", [.integer(wanted ? 1 : 0)])
        case .instant:
            guard case .string(let text) = value, let instant = DateTimeInstant(text),
                  let (stamp, isWhole) = InstantText.floorMilliseconds(instant) else { return nil }
            // Stored values are whole milliseconds. With `stamp` = floor(operand):
            // v > o ⇔ v > stamp; v ≤ o ⇔ v ≤ stamp; and = / ≥ / < need o to be whole.
            switch op {
            case .eq: return isWhole ? guarded("\(sql) = ?", [.text(stamp)]) : .false
            case .gt: return guarded("\(sql) > ?", [.text(stamp)])
            case .ge: return guarded(isWhole ? "\(sql) >= ?" : "\(sql) > ?", [.text(stamp)])
            case .lt: return guarded(isWhole ? "\(sql) < ?" : "\(sql) <= ?", [.text(stamp)])
            case .le: return guarded("\(sql) <= ?", [.text(stamp)])
            default: return nil
            }
        }
    }

    private func strings(_ op: ComparisonOperator, _ operand: String) -> SQLFragment? {
        switch op {
        case .eq: return guarded("\(sql) = ?", [.text(operand)])
        case .co: return guarded("\(sql) GLOB ?", [.text("*" + Self.globEscaped(operand) + "*")])
        case .sw: return guarded("\(sql) GLOB ?", [.text(Self.globEscaped(operand) + "*")])
        case .ew: return guarded("\(sql) GLOB ?", [.text("*" + Self.globEscaped(operand))])
        // BINARY order is UTF-8 byte order, which is code point order, as Swift's `<`
        // is on NFC text.
        case .gt: return guarded("\(sql) > ?", [.text(operand)])
        case .ge: return guarded("\(sql) >= ?", [.text(operand)])
        case .lt: return guarded("\(sql) < ?", [.text(operand)])
        case .le: return guarded("\(sql) <= ?", [.text(operand)])
        case .ne: return nil
        }
    }

    /// `text` as a GLOB pattern matching itself: `*`, `?` and `[` become `[*]`, `[?]`
    /// and `[[]` (a `]` outside brackets is literal, as are `%`, `_` and `\`).
    static func globEscaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "*": result += "[*]"
            case "?": result += "[?]"
            case "[": result += "[[]"
            default: result.append(character)
            }
        }
        return result
    }

    /// A boolean operand, also the strings IdPs send (`"True"`), as the evaluator reads it.
    static func boolean(_ value: FilterValue) -> Bool? {
        switch value {
        case .bool(let bool): return bool
        case .string(let text): return ResourceColumns.boolean(.string(text))
        default: return nil
        }
    }
}

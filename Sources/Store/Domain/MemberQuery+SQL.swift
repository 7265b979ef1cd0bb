import Coffee

extension MemberQuery {
    /// The `WHERE` conditions (after the tenant's) and their bindings, all parameterised.
    var conditions: (sql: String, bindings: [SQLValue]) {
        var sql = ""
        var bindings: [SQLValue] = []
        if let lifecycle {
            sql += " AND lifecycle = ?"
            bindings.append(.text(lifecycle.rawValue))
        }
        if let localStatus {
            sql += " AND local_status = ?"
            bindings.append(.text(localStatus))
        }
        if let idpActive {
            sql += " AND idp_active = ?"
            bindings.append(.integer(idpActive ? 1 : 0))
        }
        if let source {
            sql += " AND source = ?"
            bindings.append(.text(source.rawValue))
        }
        if let category {
            // The key is compared as text, never spliced into a JSON path: a path cannot
            // hold a NUL (SQLite failed the query) and matched no key with a quote or a
            // control character (escaped in the stored JSON).
            sql += """
                 AND EXISTS (SELECT 1 FROM json_each(categories) c, json_each(c.value) v
                 WHERE c.key = ? AND lower(v.value) = lower(?))
                """
            bindings.append(.text(category.key))
            bindings.append(.text(category.value))
        }
        if let pattern = textPattern {
            sql += """
                 AND (lower(user_name) LIKE ? ESCAPE '\\' OR lower(given_name || ' ' || family_name) LIKE ? ESCAPE '\\'
                 OR email_folded LIKE ? ESCAPE '\\' OR lower(coalesce(display_name, '')) LIKE ? ESCAPE '\\')
                """
            bindings += Array(repeating: .text(pattern), count: 4)
        }
        return (sql, bindings)
    }

    /// `text` with `\`, `%` and `_` escaped for `LIKE … ESCAPE '\'` (both backends).
    static func escapedForLike(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("%", with: "\\%").replacing("_", with: "\\_")
    }

    /// The `LIKE` pattern (escaped with backslashes) of ``text``, folded, or `nil` when there is no text.
    /// NUL characters are left out: no name or address holds one, SQLite's `LIKE` read a pattern
    /// as ending at it (`q=%00` matched every member, `q=ada%00xyz` none), and PostgreSQL
    /// refuses one in text (an error instead of a page).
    var textPattern: String? {
        guard let text = text?.replacing("\u{0}", with: ""), !text.isEmpty else { return nil }
        return "%" + Self.escapedForLike(TextFolding.fold(text)) + "%"
    }
}

import Coffee

extension MemberQuery {
    /// The `WHERE` conditions (after the tenant's) in PostgreSQL's dialect, their
    /// parameters numbered from `$first`, all parameterised.
    func postgresConditions(first: Int) -> (sql: String, parameters: [(any PostgresParameter)?]) {
        var sql = ""
        var parameters: [(any PostgresParameter)?] = []
        func next(_ value: any PostgresParameter) -> String {
            parameters.append(value)
            return "$\(first + parameters.count - 1)"
        }
        if let lifecycle { sql += " AND lifecycle = \(next(lifecycle.rawValue))" }
        if let localStatus { sql += " AND local_status = \(next(localStatus))" }
        if let idpActive { sql += " AND idp_active = \(next(idpActive))" }
        if let source { sql += " AND source = \(next(source.rawValue))" }
        if let category {
            // The key is compared as text, never spliced into a JSON path.
            sql += """
                 AND EXISTS (SELECT 1 FROM jsonb_each(categories) c, jsonb_array_elements_text(c.value) v
                 WHERE c.key = \(next(category.key)) AND lower(v) = lower(\(next(category.value))::text))
                """
        }
        if let pattern = textPattern {
            let p = next(pattern)
            sql += """
                 AND (lower(user_name) LIKE \(p) ESCAPE '\\' OR lower(given_name || ' ' || family_name) LIKE \(p) ESCAPE '\\'
                 OR email_folded LIKE \(p) ESCAPE '\\' OR lower(coalesce(display_name, '')) LIKE \(p) ESCAPE '\\')
                """
        }
        return (sql, parameters)
    }
}

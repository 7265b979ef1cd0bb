import Coffee

/// Which members a list asks for: every field narrows it; all `nil` is every member.
public struct MemberQuery: Sendable, Equatable {
    /// Only this lifecycle.
    public var lifecycle: Lifecycle?
    /// Only this local status (`pending`, `active`, `inactive`).
    public var localStatus: String?
    /// Only this SCIM `active`.
    public var idpActive: Bool?
    /// Only members from this door.
    public var source: MemberSource?
    /// Only members with this value (ignoring case) in this category.
    public var category: (key: String, value: String)?
    /// Only members whose user name, names or email contain this text (ignoring case).
    public var text: String?

    /// Every member.
    public init() {}

    public static func == (lhs: MemberQuery, rhs: MemberQuery) -> Bool {
        lhs.lifecycle == rhs.lifecycle && lhs.localStatus == rhs.localStatus && lhs.idpActive == rhs.idpActive
            && lhs.source == rhs.source && lhs.category?.key == rhs.category?.key
            && lhs.category?.value == rhs.category?.value && lhs.text == rhs.text
    }

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
        if let text, !text.isEmpty {
            let pattern = "%" + TextFolding.fold(text).replacing( "\\", with: "\\\\")
                .replacing( "%", with: "\\%").replacing( "_", with: "\\_") + "%"
            sql += """
                 AND (lower(user_name) LIKE ? ESCAPE '\\' OR lower(given_name || ' ' || family_name) LIKE ? ESCAPE '\\'
                 OR email_folded LIKE ? ESCAPE '\\' OR lower(coalesce(display_name, '')) LIKE ? ESCAPE '\\')
                """
            bindings += Array(repeating: .text(pattern), count: 4)
        }
        return (sql, bindings)
    }
}

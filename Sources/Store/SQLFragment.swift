/// A piece of SQL with `?` parameters and the values bound to them, in order. Filter
/// values only ever travel as bindings; the text holds column names and operators.
public struct SQLFragment: Sendable, Hashable {
    /// The SQL text.
    public var sql: String
    /// The values for its `?` parameters, in order.
    public var bindings: [SQLValue]

    /// A fragment.
    public init(_ sql: String, _ bindings: [SQLValue] = []) {
        self.sql = sql
        self.bindings = bindings
    }

    /// Always true.
    static let `true` = SQLFragment("1")
    /// Always false.
    static let `false` = SQLFragment("0")

    /// `(lhs AND rhs)`.
    static func and(_ lhs: SQLFragment, _ rhs: SQLFragment) -> SQLFragment { all([lhs, rhs]) }

    /// `(lhs OR rhs)`.
    static func or(_ lhs: SQLFragment, _ rhs: SQLFragment) -> SQLFragment { any([lhs, rhs]) }

    /// `(a AND b AND …)`, one level of parentheses however many parts (SQLite's parser
    /// has a bounded stack, so a chain must not nest one level per term); `1` when empty.
    static func all(_ parts: [SQLFragment]) -> SQLFragment { joined(parts, by: "AND", empty: .true) }

    /// `(a OR b OR …)`, one level of parentheses however many parts; `0` when empty.
    static func any(_ parts: [SQLFragment]) -> SQLFragment { joined(parts, by: "OR", empty: .false) }

    private static func joined(_ parts: [SQLFragment], by keyword: String, empty: SQLFragment) -> SQLFragment {
        guard parts.count > 1 else { return parts.first ?? empty }
        return SQLFragment("(" + parts.map(\.sql).joined(separator: " \(keyword) ") + ")", parts.flatMap(\.bindings))
    }

    /// `(NOT inner)`.
    static func not(_ inner: SQLFragment) -> SQLFragment {
        SQLFragment("(NOT \(inner.sql))", inner.bindings)
    }
}

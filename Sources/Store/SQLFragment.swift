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
    static func and(_ lhs: SQLFragment, _ rhs: SQLFragment) -> SQLFragment {
        SQLFragment("(\(lhs.sql) AND \(rhs.sql))", lhs.bindings + rhs.bindings)
    }

    /// `(lhs OR rhs)`.
    static func or(_ lhs: SQLFragment, _ rhs: SQLFragment) -> SQLFragment {
        SQLFragment("(\(lhs.sql) OR \(rhs.sql))", lhs.bindings + rhs.bindings)
    }

    /// `(NOT inner)`.
    static func not(_ inner: SQLFragment) -> SQLFragment {
        SQLFragment("(NOT \(inner.sql))", inner.bindings)
    }
}

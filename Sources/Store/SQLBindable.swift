import CSQLite

/// A Swift value that can be bound to a `?` parameter of a `Statement`.
///
/// Conformances: `Int64`, `Int`, `Double`, `String` (UTF-8, embedded NULs kept),
/// `[UInt8]` (a blob), `Bool` (stored as 0 or 1), and `Optional` of any of them (`nil` →
/// SQL `NULL`). Conformers call one of `Statement`'s typed `bind` methods.
public protocol SQLBindable {
    /// Binds `self` to the 1-based parameter `index` of `statement`.
    func bind(to statement: Statement, at index: Int32) throws
}

extension Int64: SQLBindable {
    /// Binds as an SQLite INTEGER.
    public func bind(to statement: Statement, at index: Int32) throws {
        try statement.bind(self, at: index)
    }
}

extension Int: SQLBindable {
    /// Binds as an SQLite INTEGER.
    public func bind(to statement: Statement, at index: Int32) throws {
        try statement.bind(Int64(self), at: index)
    }
}

extension Double: SQLBindable {
    /// Binds as an SQLite REAL.
    public func bind(to statement: Statement, at index: Int32) throws {
        try statement.bind(self, at: index)
    }
}

extension String: SQLBindable {
    /// Binds as SQLite TEXT with an explicit byte length.
    public func bind(to statement: Statement, at index: Int32) throws {
        try statement.bind(self, at: index)
    }
}

extension Array: SQLBindable where Element == UInt8 {
    /// Binds as an SQLite BLOB (an empty array is a zero-length blob, not `NULL`).
    public func bind(to statement: Statement, at index: Int32) throws {
        try statement.bind(blob: self, at: index)
    }
}

extension Bool: SQLBindable {
    /// Binds as the INTEGER 1 or 0.
    public func bind(to statement: Statement, at index: Int32) throws {
        try statement.bind(Int64(self ? 1 : 0), at: index)
    }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    /// Binds the wrapped value, or SQL `NULL`.
    public func bind(to statement: Statement, at index: Int32) throws {
        switch self {
        case .some(let value): try value.bind(to: statement, at: index)
        case .none: try statement.bindNull(at: index)
        }
    }
}

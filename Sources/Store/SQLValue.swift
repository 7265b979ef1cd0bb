/// A value bound to a `?` parameter that can cross threads: the `Sendable` form of
/// `SQLBindable`, used for the bindings of generated SQL (`FilterSQL`).
public enum SQLValue: Sendable, Hashable, SQLBindable {
    /// TEXT.
    case text(String)
    /// INTEGER.
    case integer(Int64)
    /// REAL.
    case real(Double)
    /// NULL.
    case null

    /// Binds the value with the matching typed `bind`.
    public func bind(to statement: Statement, at index: Int32) throws {
        switch self {
        case .text(let text): try statement.bind(text, at: index)
        case .integer(let integer): try statement.bind(integer, at: index)
        case .real(let real): try statement.bind(real, at: index)
        case .null: try statement.bindNull(at: index)
        }
    }
}

extension Connection {
    /// Runs `sql` with a list of bindings (rather than variadic ones) and maps every row.
    func query<T>(_ sql: String, bindings: [SQLValue], map: (Row) throws -> T) throws -> [T] {
        let statement = try cachedStatement(sql)
        try statement.bind(bindings)
        return try statement.query(map)
    }

    /// Runs `sql` with a list of bindings and maps rows while `accepts` takes them.
    func query<T>(_ sql: String, bindings: [SQLValue], map: (Row) throws -> T, while accepts: (T) -> Bool) throws -> [T] {
        let statement = try cachedStatement(sql)
        try statement.bind(bindings)
        return try statement.query(map, while: accepts)
    }

    /// Runs `sql` with a list of bindings and maps the first row, if any.
    func queryOne<T>(_ sql: String, bindings: [SQLValue], map: (Row) throws -> T) throws -> T? {
        let statement = try cachedStatement(sql)
        try statement.bind(bindings)
        return try statement.queryOne(map)
    }

    /// Runs `sql` with a list of bindings, discarding rows; returns the rows changed.
    @discardableResult
    func execute(_ sql: String, bindings: [SQLValue]) throws -> Int {
        let statement = try cachedStatement(sql)
        try statement.bind(bindings)
        try statement.execute()
        return changes
    }
}

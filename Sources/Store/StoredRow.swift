import FoundationEssentials

/// A row as the repositories' mapping functions read it, whichever backend it comes from
/// (SQLite's ``Row``, PostgreSQL's `PostgresRow`): one mapping per domain value, not one
/// per backend.
protocol StoredRow {
    /// Whether the column is NULL.
    func isNull(_ index: Int) -> Bool
    /// The column as text.
    func string(_ index: Int) -> String
    /// The column as text, or `nil` when NULL.
    func optionalString(_ index: Int) -> String?
    /// The column as an integer.
    func int(_ index: Int) -> Int
    /// The column as a 64-bit integer.
    func int64(_ index: Int) -> Int64
    /// The column as a flag.
    func bool(_ index: Int) -> Bool
    /// The column as an instant; throws `.corrupt` when it does not read as one.
    func date(_ index: Int) throws -> Date
    /// The column as an instant, or `nil` when NULL; throws when it does not read as one.
    func optionalDate(_ index: Int) throws -> Date?
    /// The column as an instant, or `nil` when NULL or unreadable.
    func instant(_ index: Int) -> Date?
}

extension Row: StoredRow {
    /// The TEXT column as a ``Timestamp``, or `nil`.
    func instant(_ index: Int) -> Date? {
        optionalString(index).flatMap(Timestamp.date(from:))
    }
}

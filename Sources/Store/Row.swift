import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// The current row of a stepping `Statement`: typed, 0-based column getters.
///
/// A `Row` is a view, not a copy. It is valid only until the statement steps again or is
/// reset, so use it inside the closure that receives it and return plain values. Reading
/// a column copies only that column's bytes (one `String` or `[UInt8]`, nothing for
/// numbers). Getters follow SQLite's type conversions: `NULL` reads as `0`, `""` or `[]`
/// unless you ask for an optional.
public struct Row {
    let handle: OpaquePointer

    /// The number of columns in the result.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of column `index` (the `AS` alias if any).
    public func columnName(_ index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// Whether column `index` holds SQL `NULL`.
    public func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    /// Column `index` as a 64-bit integer.
    public func int64(_ index: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(index))
    }

    /// Column `index` as an `Int`.
    public func int(_ index: Int) -> Int {
        Int(truncatingIfNeeded: sqlite3_column_int64(handle, Int32(index)))
    }

    /// Column `index` as a `Double`.
    public func double(_ index: Int) -> Double {
        sqlite3_column_double(handle, Int32(index))
    }

    /// Column `index` as a `Bool`: any non-zero integer is `true`.
    public func bool(_ index: Int) -> Bool {
        sqlite3_column_int64(handle, Int32(index)) != 0
    }

    /// Column `index` as UTF-8 text, with its exact byte length (embedded NULs kept).
    /// Invalid UTF-8 is repaired with U+FFFD.
    public func string(_ index: Int) -> String {
        let column = Int32(index)
        // Order matters: call sqlite3_column_text first, then sqlite3_column_bytes.
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Whether column `index`, read as UTF-8 text, holds exactly the bytes of `expected`,
    /// compared where SQLite keeps them (no string is built).
    public func text(_ index: Int, equals expected: String) -> Bool {
        let column = Int32(index)
        // Order matters: call sqlite3_column_text first, then sqlite3_column_bytes.
        let text = sqlite3_column_text(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        var expected = expected
        return expected.withUTF8 { bytes in
            guard bytes.count == count else { return false }
            guard count > 0 else { return true }
            guard let text, let base = bytes.baseAddress else { return false }
            return memcmp(text, base, count) == 0
        }
    }

    /// Column `index` as bytes. A zero-length blob and `NULL` both read as `[]`.
    public func blob(_ index: Int) -> [UInt8] {
        let column = Int32(index)
        guard let bytes = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// Column `index` as an integer, or `nil` for SQL `NULL`.
    public func optionalInt64(_ index: Int) -> Int64? {
        isNull(index) ? nil : int64(index)
    }

    /// Column `index` as a `Double`, or `nil` for SQL `NULL`.
    public func optionalDouble(_ index: Int) -> Double? {
        isNull(index) ? nil : double(index)
    }

    /// Column `index` as text, or `nil` for SQL `NULL`.
    public func optionalString(_ index: Int) -> String? {
        isNull(index) ? nil : string(index)
    }

    /// Column `index` as bytes, or `nil` for SQL `NULL`.
    public func optionalBlob(_ index: Int) -> [UInt8]? {
        isNull(index) ? nil : blob(index)
    }
}

@available(*, unavailable)
extension Row: Sendable {}

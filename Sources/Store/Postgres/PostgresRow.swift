import CLibPQ
import FoundationEssentials

/// One row of a ``PostgresResult``, read by column index in libpq's text format. Valid
/// only while its result is (inside the `map` closure of a query).
struct PostgresRow: StoredRow {
    /// The result the row belongs to.
    let result: OpaquePointer
    /// The row's index.
    let index: Int32

    /// Whether column `column` is NULL.
    func isNull(_ column: Int) -> Bool {
        PQgetisnull(result, index, Int32(column)) == 1
    }

    /// Column `column` as text; NULL reads as "".
    func string(_ column: Int) -> String {
        guard let value = PQgetvalue(result, index, Int32(column)) else { return "" }
        return String(cString: value)
    }

    /// Column `column` as text, or `nil` when NULL.
    func optionalString(_ column: Int) -> String? {
        isNull(column) ? nil : string(column)
    }

    /// Column `column` as an integer; NULL or a non-integer reads as 0.
    func int64(_ column: Int) -> Int64 {
        Int64(string(column)) ?? 0
    }

    /// Column `column` as an `Int`.
    func int(_ column: Int) -> Int {
        Int(int64(column))
    }

    /// A `boolean` column (`t`/`f`); NULL reads as `false`.
    func bool(_ column: Int) -> Bool {
        string(column) == "t"
    }

    /// A `bytea` column (hex output format).
    func bytes(_ column: Int) -> [UInt8] {
        let text = Array(string(column).utf8.dropFirst(2))
        func nibble(_ byte: UInt8) -> UInt8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            default: return byte &- UInt8(ascii: "A") &+ 10
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var position = 0
        while position + 1 < text.count {
            bytes.append(nibble(text[position]) << 4 | nibble(text[position + 1]))
            position += 2
        }
        return bytes
    }

    /// A `timestamptz` column; throws `.corrupt` when it is NULL or does not parse.
    func date(_ column: Int) throws -> Date {
        guard let date = PostgresTimestamp.date(from: string(column)) else {
            throw StoreError(code: .corrupt, message: "a timestamptz column does not read as an instant")
        }
        return date
    }

    /// A `timestamptz` column, or `nil` when NULL or unreadable.
    func instant(_ column: Int) -> Date? {
        optionalString(column).flatMap(PostgresTimestamp.date(from:))
    }

    /// A nullable `timestamptz` column.
    func optionalDate(_ column: Int) throws -> Date? {
        isNull(column) ? nil : try date(column)
    }
}

/// Reads the instants PostgreSQL prints for `timestamptz` with `TimeZone = UTC` and
/// `DateStyle = ISO` (`2026-12-04 08:55:26.123+00`, fraction optional, up to
/// microseconds): truncated to the millisecond, as the SQLite store keeps them.
enum PostgresTimestamp {
    /// The instant `text` names, or `nil`.
    static func date(from text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 22, bytes[10] == UInt8(ascii: " ") else { return nil }
        var fraction: [UInt8] = []
        var position = 19
        if bytes[position] == UInt8(ascii: ".") {
            position += 1
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                fraction.append(bytes[position])
                position += 1
            }
        }
        guard bytes[position...].elementsEqual("+00".utf8) else { return nil }
        while fraction.count < 3 { fraction.append(UInt8(ascii: "0")) }
        var stored = Array(bytes[0..<19])
        stored[10] = UInt8(ascii: "T")
        stored.append(UInt8(ascii: "."))
        stored += fraction.prefix(3)
        stored.append(UInt8(ascii: "Z"))
        return Timestamp.date(from: String(decoding: stored, as: UTF8.self))
    }
}

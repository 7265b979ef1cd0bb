import Coffee
import FoundationEssentials

/// A value bound to a `$n` parameter of a PostgreSQL statement, in libpq's text format.
/// The server infers each parameter's type from where it stands (cast with `$n::type`
/// where it cannot). Values never enter the SQL text.
protocol PostgresParameter {
    /// The value's text form.
    var postgresText: String { get }
}

extension String: PostgresParameter {
    var postgresText: String { self }
}

extension Int: PostgresParameter {
    var postgresText: String { String(self) }
}

extension Int64: PostgresParameter {
    var postgresText: String { String(self) }
}

extension Bool: PostgresParameter {
    var postgresText: String { self ? "t" : "f" }
}

extension Date: PostgresParameter {
    /// ISO 8601 in UTC with milliseconds, as the SQLite store writes instants: a
    /// `timestamptz` column keeps the same instant.
    var postgresText: String { Timestamp.string(from: self) }
}

/// Bytes for a `bytea` parameter (token hashes), in the hex format.
struct PostgresBytes: PostgresParameter {
    /// The bytes.
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var postgresText: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        text.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Strings for a `text[]` parameter (cast with `$n::text[]`), in PostgreSQL's array
/// literal: every element quoted, `"` and `\` escaped, so that no value (empty, `NULL`,
/// with braces or commas) reads as anything but itself. For one statement over many
/// rows (`unnest`), where one statement per row would cost a round trip or an executor
/// start each.
struct PostgresTextArray: PostgresParameter {
    /// The elements.
    var elements: [String]

    init(_ elements: [String]) {
        self.elements = elements
    }

    /// Built over UTF-8 bytes: `"` and `\` are ASCII, and no byte of a multi-byte
    /// character is, so escaping byte by byte escapes exactly those characters. (Appending
    /// Unicode scalars one by one cost 6% of Percolator's CPU per SCIM create, issue 11.)
    var postgresText: String {
        var text: [UInt8] = [UInt8(ascii: "{")]
        text.reserveCapacity(elements.reduce(2) { $0 + $1.utf8.count + 3 })
        for (index, element) in elements.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            text.append(UInt8(ascii: "\""))
            for byte in element.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { text.append(UInt8(ascii: "\\")) }
                text.append(byte)
            }
            text.append(UInt8(ascii: "\""))
        }
        text.append(UInt8(ascii: "}"))
        return String(decoding: text, as: UTF8.self)
    }
}

extension TenantID: PostgresParameter {
    var postgresText: String { rawValue }
}

extension MemberID: PostgresParameter {
    var postgresText: String { rawValue }
}

extension ProgramID: PostgresParameter {
    var postgresText: String { rawValue }
}

extension SessionID: PostgresParameter {
    var postgresText: String { rawValue }
}

extension GroupID: PostgresParameter {
    var postgresText: String { rawValue }
}

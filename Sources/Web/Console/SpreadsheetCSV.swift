import Foundation

/// A CSV file for an administrator to download and open in a spreadsheet (the console's
/// exports): RFC 4180 (`,` separated, CRLF line ends, fields quoted when they hold `"`,
/// `,`, CR or LF, quotes doubled), UTF-8 **with** a byte order mark.
///
/// The byte order mark is there because Excel, the spreadsheet most of the
/// organisations this console serves open CSV files with, reads a CSV file without one
/// in the system's legacy code page and garbles every accented name ("HÃ©lÃ¨ne"); with
/// it, Excel, LibreOffice, Numbers and Google Sheets all read UTF-8. Percolator's own
/// import skips it, so an export imports back as it is.
///
/// Formula injection (OWASP "CSV Injection"): a cell that starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return is prefixed with `'`, so a spreadsheet shows a name such
/// as `=HYPERLINK(…)` as text instead of evaluating it. Every cell comes from members'
/// and identity providers' data, so every cell is treated this way.
public struct SpreadsheetCSV: Sendable, Hashable {
    /// The header row.
    public var header: [String]
    /// The rows; a short row is padded, a long one written as is.
    public var rows: [[String]]

    /// Creates a file.
    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    /// The `Content-Type` of the file.
    public static let contentType = "text/csv; charset=utf-8"

    /// The UTF-8 byte order mark.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// `Content-Disposition` for a download named `filename` (ASCII letters, digits, `-`,
    /// `_` and `.` kept, anything else replaced by `_`, so the header needs no escaping).
    public static func contentDisposition(filename: String) -> String {
        let safe = String(filename.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar))
                ? Character(scalar) : "_"
        })
        return "attachment; filename=\"\(safe.isEmpty ? "export.csv" : safe)\""
    }

    /// The file's bytes: the byte order mark, the header row, the rows.
    public func bytes() -> [UInt8] {
        var out = ""
        out.reserveCapacity(64 * (rows.count + 1))
        Self.append(header, to: &out)
        for row in rows {
            Self.append(row + Array(repeating: "", count: max(0, header.count - row.count)), to: &out)
        }
        return Self.byteOrderMark + Array(out.utf8)
    }

    /// One row, CRLF-terminated.
    static func append(_ row: [String], to out: inout String) {
        for (index, cell) in row.enumerated() {
            if index > 0 { out += "," }
            out += field(cell)
        }
        out += "\r\n"
    }

    /// One cell, neutralised and quoted as needed.
    public static func field(_ cell: String) -> String {
        var text = cell
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "\"" || $0 == "," || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

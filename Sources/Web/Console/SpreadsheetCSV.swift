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
/// as `=HYPERLINK(…)` as text instead of evaluating it. So is every part of a cell after
/// a `;`, a tab or a line break that starts with one: Excel set up for French or German
/// (a `;` list separator) splits each line of a CSV file on `;`, so `x;=1+1` became a
/// cell `=1+1` there, and a value pasted as tab-separated text splits on tabs. Every cell
/// comes from members' and identity providers' data, so every cell is treated this way;
/// the stored data is unchanged. This is the only CSV writer of the exports.
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
        let text = neutralised(cell)
        guard text.contains(where: { $0 == "\"" || $0 == "," || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The characters that make a spreadsheet read a cell as a formula when it starts with one.
    static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
    /// The characters after which a spreadsheet may start a new cell inside one of ours.
    static let cellBreaks: Set<Unicode.Scalar> = [";", "\t", "\r", "\n"]

    /// `cell` with `'` before its start and before every part after a ``cellBreaks``
    /// character, where one starts with a ``formulaTriggers`` character.
    static func neutralised(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard let first = scalars.first else { return cell }
        // Most cells have no break: only their first character matters.
        guard scalars.contains(where: { cellBreaks.contains($0) }) else {
            return formulaTriggers.contains(first) ? "'" + cell : cell
        }
        var out = String.UnicodeScalarView()
        var atCellStart = true
        for scalar in scalars {
            if atCellStart, formulaTriggers.contains(scalar) { out.append("'") }
            out.append(scalar)
            atCellStart = cellBreaks.contains(scalar)
        }
        return String(out)
    }
}

/// Writes CSV (RFC 4180) for every export Percolator offers, and is the only way to: each
/// cell is neutralised against formula injection first (``neutralised(_:)``), then quoted
/// when it holds the separator, a quote, CR or LF. The stored data is never changed;
/// only its CSV rendering is.
///
/// Percolator has no CSV export yet (it imports CSV, ``CSVParser``); an export written
/// later must render its rows through this type.
public struct CSVWriter: Sendable {
    /// The separator written between cells.
    public let separator: CSVSeparator

    /// A writer using `separator` (RFC 4180's `,` by default).
    public init(separator: CSVSeparator = .comma) {
        self.separator = separator
    }

    /// The characters that make a spreadsheet read a cell as a formula when it starts
    /// with one (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, tab and carriage return.
    public static let formulaTriggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `cell` with a single quote before it when it starts with one of
    /// ``formulaTriggers``, so a spreadsheet shows it as text rather than running it
    /// (`=HYPERLINK(…)` becomes `'=HYPERLINK(…)`); any other cell as it is.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, formulaTriggers.contains(Character(first)) else { return cell }
        return "'" + cell
    }

    /// One record: the cells neutralised, quoted where needed, joined by the separator,
    /// ended by CRLF.
    public func line(_ cells: [String]) -> String {
        cells.map { quoted(Self.neutralised($0)) }.joined(separator: String(UnicodeScalar(separator.rawValue))) + "\r\n"
    }

    /// A header line and one line per row.
    public func document(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map(line).joined()
    }

    private func quoted(_ cell: String) -> String {
        let separatorScalar = UnicodeScalar(separator.rawValue)
        guard cell.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == separatorScalar }) else {
            return cell
        }
        return "\"" + cell.replacing("\"", with: "\"\"") + "\""
    }
}

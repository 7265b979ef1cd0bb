import Coffee

/// A table for the terminal: a header row and left-aligned columns padded to their
/// widest cell (counted in characters), two spaces apart, no trailing spaces.
///
/// A cell's control characters, line breaks and bidirectional controls are shown escaped
/// (`\n`, `\u{1B}`, `\u{202E}`): cells hold what members, CSV files and identity
/// providers sent, and a raw ESC would drive the admin's terminal, a line break split a
/// row, U+202E reverse the rest of the line.
struct TextTable: Sendable {
    /// The column titles.
    var header: [String]
    /// The rows; a short row is padded with empty cells.
    var rows: [[String]] = []

    /// The table as lines ending in `\n`.
    var rendered: String {
        let header = header.map(Self.printable)
        let rows = rows.map { $0.map(Self.printable) }
        let count = max(header.count, rows.map(\.count).max() ?? 0)
        var widths = Array(repeating: 0, count: count)
        for row in [header] + rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var text = ""
        for row in [header] + rows {
            var line = ""
            for index in 0..<count {
                let cell = index < row.count ? row[index] : ""
                line += index == count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            text += line + "\n"
        }
        return text
    }

    /// `cell` with the characters ``DisplayNameCharacters`` refuses escaped.
    static func printable(_ cell: String) -> String {
        guard DisplayNameCharacters.refuses(cell) else { return cell }
        var out = ""
        for scalar in cell.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where DisplayNameCharacters.isRefused(scalar):
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A table for the terminal: a header row and left-aligned columns padded to their
/// widest cell (counted in characters), two spaces apart, no trailing spaces.
struct TextTable: Sendable {
    /// The column titles.
    var header: [String]
    /// The rows; a short row is padded with empty cells.
    var rows: [[String]] = []

    /// The table as lines ending in `\n`.
    var rendered: String {
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
}

/// The field separator of a CSV file: `,` (RFC 4180) or `;` (what spreadsheets write in
/// locales whose decimal mark is a comma, French among them).
public enum CSVSeparator: UInt8, Sendable, Equatable, CaseIterable {
    /// `,`
    case comma = 0x2C
    /// `;`
    case semicolon = 0x3B

    /// Detects the separator from the header line's bytes: the one that occurs more often
    /// outside quotes; `,` on a tie (RFC 4180's default).
    public static func detect(inHeader bytes: some Sequence<UInt8>) -> CSVSeparator {
        var inQuotes = false
        var commas = 0, semicolons = 0
        for byte in bytes {
            switch byte {
            case CSVParser.quote: inQuotes.toggle()
            case CSVSeparator.comma.rawValue where !inQuotes: commas += 1
            case CSVSeparator.semicolon.rawValue where !inQuotes: semicolons += 1
            default: break
            }
        }
        return semicolons > commas ? .semicolon : .comma
    }
}

/// Untrusted display text (a member's name) made fit for one line of an email: a
/// subject, a greeting. Identity providers and CSV files may send any Unicode, line
/// breaks included; a name must never break a header (which would make the email
/// unsendable, or inject a header) nor fake lines in a body.
enum DisplayText {
    /// The most characters one name keeps; longer ones are cut and end with `…`.
    static let maximumLength = 64

    /// `text` on one line: every control character (C0, DEL, C1 — CR and LF included),
    /// line and paragraph separator and bidirectional formatting character becomes a
    /// space, runs of white space become one space, the ends are trimmed, and more than
    /// `maximumLength` characters are cut to that many, the last one `…`. The result is
    /// safe in any header once encoded (RFC 2047 encoded words for non-ASCII).
    static func singleLine(_ text: String, maximumLength: Int = maximumLength) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isBreaking(scalar) || scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.unicodeScalars.append(" ")
                pendingSpace = false
            }
            result.unicodeScalars.append(scalar)
        }
        guard result.count > maximumLength, maximumLength > 0 else { return result }
        var cut = String(result.prefix(maximumLength - 1))
        while cut.last == " " { cut.removeLast() }
        return cut + "…"
    }

    /// Whether `scalar` could break a line, or reorder what a reader sees, in a header.
    private static func isBreaking(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        case .format: return scalar.properties.isBidiControl
        default: return false
        }
    }
}

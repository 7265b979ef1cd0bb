/// The characters a name shown to people (a tenant's, a program's) may not hold: control
/// characters and line or paragraph separators (a name is one line: a line break would
/// break the command line's tab-separated listings and cannot go in an email header), and
/// the bidirectional controls that make text read in another order than it is stored
/// (U+202A–U+202E, U+2066–U+2069: "Trojan Source", CVE-2021-42574).
public enum DisplayNameCharacters {
    /// Whether `scalar` may not appear in a name.
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return isBidirectionalControl(scalar)
        }
    }

    /// Whether `scalar` is one of the bidirectional embedding, override and isolate
    /// controls (U+202A–U+202E, U+2066–U+2069).
    public static func isBidirectionalControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// Whether `text` holds a character a name may not. Printable ASCII, most names, is
    /// answered from the bytes, without a Unicode property lookup per character (member
    /// names are checked on every SCIM write: ``MemberName``).
    public static func refuses(_ text: String) -> Bool {
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte < 0x20 || byte == 0x7F { return true }
        }
        return ascii ? false : text.unicodeScalars.contains(where: isRefused)
    }
}

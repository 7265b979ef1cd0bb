/// The escaping rules of the HTML builder (HTML Living Standard §13.3, "Serialising HTML
/// fragments", made stricter):
/// - text: `&`, `<`, `>` become character references;
/// - attribute values (always double-quoted): also `"` and `'`;
/// - both: NUL and the C0/C1 control characters other than tab, line feed and carriage
///   return, and the Unicode noncharacters, become U+FFFD, since browsers treat them
///   as parse errors and some turn NUL into nothing.
public enum HTMLEscaping {
    /// `text` safe to place between tags.
    public static func text(_ text: String) -> String { escape(text, quotes: false) }

    /// `value` safe to place between double quotes in an attribute.
    public static func attributeValue(_ value: String) -> String { escape(value, quotes: true) }

    private static func escape(_ string: String, quotes: Bool) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(string.unicodeScalars.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where quotes: out.append(contentsOf: "&quot;".unicodeScalars)
            case "'" where quotes: out.append(contentsOf: "&#39;".unicodeScalars)
            case "\t", "\n", "\r": out.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || isNoncharacter(value) {
                    out.append("\u{FFFD}")
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    private static func isNoncharacter(_ value: UInt32) -> Bool {
        (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
    }
}

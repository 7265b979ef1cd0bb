/// One mailbox as a caller writes it, `ada@example.org` or `Ada Lovelace <ada@example.org>`,
/// split into the address SMTP's envelope uses and the display name the header shows.
struct MailAddress: Sendable, Equatable {
    /// The addr-spec, `local@domain`, without angle brackets.
    var address: String
    /// The display name, unquoted; `nil` when the mailbox was written as a bare address.
    var displayName: String?

    /// Parses `text`, saying which `field` it came from when it is refused.
    /// CR and LF are refused anywhere (they would inject header lines or SMTP commands),
    /// and the address must have exactly one `@` between two non-empty parts, and be
    /// printable ASCII or, for an internationalised address (RFC 6531: `zoë@exämple.com`),
    /// printable UTF-8: no control, space or separator character.
    static func parse(_ text: String, field: String) throws(SMTPError) -> MailAddress {
        if text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            throw .invalidMessage("\(field) contains a line break")
        }
        let trimmed = text.trimmingSpaces
        var address = trimmed
        var displayName: String?
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let name = String(trimmed[..<open]).trimmingSpaces
            if !name.isEmpty { displayName = unquoted(name) }
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let printable = address.unicodeScalars.allSatisfy(isAddressScalar)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, printable else {
            throw .invalidMessage("\(field) is not an address of the form local@domain: \(text)")
        }
        return MailAddress(address: address, displayName: displayName)
    }

    /// Whether the address holds non-ASCII characters: it can only travel through a
    /// relay that offers SMTPUTF8 (RFC 6531), and in a message sent that way.
    var isInternational: Bool {
        !address.unicodeScalars.allSatisfy(\.isASCII)
    }

    /// A character an address may hold: printable ASCII but `<` and `>`, or a non-ASCII
    /// character that is neither a control, a space nor a separator.
    private static func isAddressScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (0x21...0x7E).contains(scalar.value) && scalar != "<" && scalar != ">" }
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
            return false
        default:
            return true
        }
    }

    /// The mailbox as a header shows it: the bare address, or the display name (quoted,
    /// or as RFC 2047 encoded words when it is not ASCII) followed by `<address>`. An
    /// internationalised address is written as it is, in UTF-8 (RFC 6532).
    var headerText: String {
        guard let displayName else { return address }
        let name: String
        if !EncodedWord.isPlain(displayName) {
            name = EncodedWord.encode(displayName)
        } else if displayName.unicodeScalars.allSatisfy(Self.isAtomText) {
            name = displayName
        } else {
            var quoted = "\""
            for character in displayName {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            name = quoted + "\""
        }
        return "\(name) <\(address)>"
    }

    /// RFC 5322 atext, and spaces between words: what a display name may hold unquoted.
    private static func isAtomText(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", " ": return true
        default: return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
        }
    }

    /// A quoted display name without its quotes and backslash escapes.
    private static func unquoted(_ name: String) -> String {
        guard name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") else { return name }
        var result = ""
        var escaped = false
        for character in name.dropFirst().dropLast() {
            if !escaped && character == "\\" {
                escaped = true
                continue
            }
            escaped = false
            result.append(character)
        }
        return result
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

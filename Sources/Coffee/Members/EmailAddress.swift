import Foundation

/// A syntactically valid email address.
///
/// The check is the practical subset that mail relays accept, not the full RFC 5322
/// grammar: one `@`, a local part of 1–64 characters without spaces or control
/// characters, a domain of dot-separated labels (letters, digits, `-`, not starting or
/// ending with `-`) with at least two labels, 254 characters at most (RFC 5321 §4.5.3.1).
/// Two addresses are equal when they are equal case-insensitively (``normalized``),
/// which is how imports and invitations match members.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address as given, trimmed of surrounding whitespace.
    public let rawValue: String
    /// The address lowercased: the key for case-insensitive matching.
    public let normalized: String

    /// RFC 5321 §4.5.3.1: 254 characters in a path, 64 in a local part.
    static let maxLength = 254
    static let maxLocalPartLength = 64

    /// Validates `text`; throws ``MemberError/invalidEmail(_:)`` when it is not an address.
    public init(_ text: String) throws(MemberError) {
        let trimmed = text.trimmingWhitespace()
        guard Self.isValid(trimmed) else { throw .invalidEmail(text) }
        rawValue = trimmed
        normalized = trimmed.lowercased()
    }

    /// An address read back from a store, which holds only addresses validated by
    /// ``init(_:)`` when they were written: not validated again (issue 16: a match reads
    /// every member of the tenant, and validating 100,000 stored addresses was a visible
    /// share of it). Anything else goes through ``init(_:)``.
    public init(stored text: String) {
        rawValue = text
        // Lowercase ASCII already (most stored addresses): the text itself, not a copy
        // (issue 16: 100,000 members decoded per whole-session match).
        normalized = text.utf8.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
            ? text : text.lowercased()
    }

    /// The domain, lowercased (`example.com`).
    public var domain: String {
        normalized.split(separator: "@", omittingEmptySubsequences: false).last.map(String.init) ?? ""
    }

    /// Equal when equal case-insensitively.
    public static func == (lhs: EmailAddress, rhs: EmailAddress) -> Bool {
        lhs.normalized == rhs.normalized
    }

    /// Hashes the normalized form.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(normalized)
    }

    /// The address as given.
    public var description: String { rawValue }

    static func isValid(_ text: String) -> Bool {
        if let ascii = text.utf8.withContiguousStorageIfAvailable(isValidASCII) ?? nil { return ascii }
        return isValidText(text)
    }

    /// ``isValid(_:)`` on the bytes of an ASCII text; `nil` when a byte is not ASCII. In
    /// ASCII each character is one byte but for "\r\n", and a line break makes any text
    /// invalid: the same checks as ``isValidText(_:)``'s on characters, without breaking
    /// the text into them (every SCIM write of a User validates its addresses).
    static func isValidASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var at: Int?
        for (position, byte) in bytes.enumerated() {
            if byte >= 0x80 { return nil }
            if byte == UInt8(ascii: "@") {
                if at != nil { return bytes.allSatisfy { $0 < 0x80 } ? false : nil }
                at = position
            }
        }
        guard let at, !bytes.isEmpty, bytes.count <= maxLength else { return false }
        let local = UnsafeBufferPointer(rebasing: bytes[..<at]), domain = UnsafeBufferPointer(rebasing: bytes[(at + 1)...])
        guard !local.isEmpty, local.count <= maxLocalPartLength else { return false }
        let dot = UInt8(ascii: ".")
        guard local.first != dot, local.last != dot else { return false }
        var previous: UInt8 = 0
        for byte in local {
            if byte == dot, previous == dot { return false }
            guard isAllowedInLocalPart(Unicode.Scalar(byte)) else { return false }
            previous = byte
        }
        let labels = domain.split(separator: dot, omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
                return false
            }
            return label.allSatisfy { isAllowedInDomainLabel(Unicode.Scalar($0)) }
        }
    }

    /// ``isValid(_:)`` on characters and Unicode scalars, for any text.
    static func isValidText(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= maxLength else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.count <= maxLocalPartLength else { return false }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !Self.hasDoubleDot(local) else { return false }
        guard local.unicodeScalars.allSatisfy(isAllowedInLocalPart) else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            guard !label.isEmpty, label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-") else {
                return false
            }
            return label.unicodeScalars.allSatisfy(isAllowedInDomainLabel)
        }
    }

    /// Whether `text` holds two dots in a row; a scan of its bytes, not Foundation's
    /// substring search (which bridges through NSString on every member written).
    static func hasDoubleDot(_ text: Substring) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "."), previous == byte { return true }
            previous = byte
        }
        return false
    }

    /// What a local part may not hold: whitespace, line breaks, control characters and
    /// `"(),:;<>[\]`. Built once: building it per address cost more than the rest of a
    /// CSV row's checks.
    static let forbiddenInLocalPart = CharacterSet.whitespacesAndNewlines.union(.controlCharacters)
        .union(CharacterSet(charactersIn: "\"(),:;<>[\\]"))
    /// The letters and digits of any script, for domain labels.
    static let alphanumerics = CharacterSet.alphanumerics

    /// Whether `scalar` may be in a local part; ASCII without a `CharacterSet` lookup.
    static func isAllowedInLocalPart(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return !forbiddenInLocalPart.contains(scalar) }
        // ASCII controls and whitespace are 0x00–0x20 and 0x7F.
        return scalar.value > 0x20 && scalar.value != 0x7F && !"\"(),:;<>[\\]".unicodeScalars.contains(scalar)
    }

    /// Whether `scalar` may be in a domain label: a letter, a digit or `-`.
    static func isAllowedInDomainLabel(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return alphanumerics.contains(scalar) }
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-": return true
        default: return false
        }
    }
}

/// A path to an attribute or sub-attribute of a resource (RFC 7644 §3.10, §3.4.2.2).
///
/// ```
/// attrPath  = [URI ":"] ATTRNAME *1subAttr
///
///   ──┬──────────────┬── ATTRNAME ──┬────────────────────┬──
///     └── URI ── ":" ┘              └── "." ── ATTRNAME ─┘
///
/// ATTRNAME  = ALPHA *(nameChar)          ; plus a leading "$" for "$ref" (RFC 7643 §2.3.7)
/// nameChar  = "-" / "_" / DIGIT / ALPHA
/// ```
///
/// Examples: `userName`, `name.familyName`, `members.$ref`,
/// `urn:ietf:params:scim:schemas:core:2.0:User:name.familyName`,
/// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`.
///
/// Names are kept as written; every comparison ignores case (RFC 7643 §2.1).
public struct AttributePath: Sendable, Hashable {
    /// The schema URN prefix, e.g. `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`,
    /// or `nil` when the path is not qualified (RFC 7644 §3.10).
    public var schemaURN: String?
    /// The attribute name, e.g. `name`.
    public var name: String
    /// The sub-attribute name, e.g. `familyName`, or `nil`.
    public var subAttribute: String?

    /// A path from its parts. The parts are not validated; use ``parse(_:)`` for text.
    public init(schemaURN: String? = nil, name: String, subAttribute: String? = nil) {
        self.schemaURN = schemaURN
        self.name = name
        self.subAttribute = subAttribute
    }

    /// Parses `[URI ":"] ATTRNAME ["." ATTRNAME]` (RFC 7644 §3.10).
    ///
    /// The URN is everything before the last `:`, so URNs with dots (`…:2.0:User`) work.
    /// Throws `invalidPath` when the text is not an attribute path.
    public static func parse(_ text: String) throws(SCIMError) -> AttributePath {
        guard let path = AttributePath(parsing: text) else {
            throw .invalidPath("'\(text.prefix(200))' is not a valid attribute path (RFC 7644 §3.10).")
        }
        return path
    }

    /// Parses `text`, or returns `nil` when it is not an attribute path.
    init?(parsing text: Substring) {
        var urn: String?
        var rest = text
        if let colon = text.lastIndex(of: ":") {
            let prefix = text[..<colon]
            guard !prefix.isEmpty, prefix.utf8.allSatisfy(Self.isURNByte) else { return nil }
            urn = String(prefix)
            rest = text[text.index(after: colon)...]
        }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, Self.isAttributeName(first) else { return nil }
        var sub: String?
        if parts.count == 2 {
            guard Self.isAttributeName(parts[1]) else { return nil }
            sub = String(parts[1])
        }
        self.init(schemaURN: urn, name: String(first), subAttribute: sub)
    }

    /// Parses `text`, or returns `nil` when it is not an attribute path.
    init?(parsing text: String) {
        self.init(parsing: text[...])
    }

    /// The same attribute without its sub-attribute.
    public var parent: AttributePath {
        AttributePath(schemaURN: schemaURN, name: name)
    }

    /// True when `name` is `ATTRNAME` (RFC 7644 §3.4.2.2), allowing a leading `$`.
    static func isAttributeName(_ name: Substring) -> Bool {
        var scalars = name.unicodeScalars.makeIterator()
        guard var first = scalars.next() else { return false }
        if first == "$" {
            guard let next = scalars.next() else { return false }
            first = next
        }
        guard first.isASCIILetter else { return false }
        while let scalar = scalars.next() {
            guard scalar.isASCIILetter || scalar.isASCIIDigit || scalar == "-" || scalar == "_" else { return false }
        }
        return true
    }

    /// Whether `byte` is an ASCII character ``isURNCharacter(_:)`` allows. A text whose
    /// bytes all are has only one-byte characters (none of them a line break), each
    /// allowed, and the other way round: the same answer as the characters', without
    /// breaking the text into characters (every PATCH path and mapping path has a URN).
    static func isURNByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"), UInt8(ascii: "/"),
             UInt8(ascii: "%"), UInt8(ascii: "#"), UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    /// Characters allowed in the schema URI part: RFC 3986 unreserved, ":" and a few
    /// sub-delims. Enough for the `urn:` and `http:` schema ids servers publish.
    static func isURNCharacter(_ character: Character) -> Bool {
        guard character.isASCII, let scalar = character.unicodeScalars.first else { return false }
        return scalar.isASCIILetter || scalar.isASCIIDigit || "-._~:/%#@!$&'*+,;=".unicodeScalars.contains(scalar)
    }
}

extension AttributePath: CustomStringConvertible {
    /// The path as text, `[URN ":"] name ["." subAttribute]`.
    public var description: String {
        var text = schemaURN.map { $0 + ":" } ?? ""
        text += name
        if let subAttribute { text += "." + subAttribute }
        return text
    }
}

extension Unicode.Scalar {
    /// `ALPHA` of RFC 5234.
    var isASCIILetter: Bool { (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
    /// `DIGIT` of RFC 5234.
    var isASCIIDigit: Bool { (0x30...0x39).contains(value) }
}

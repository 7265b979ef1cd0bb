/// Splits filter text into ``FilterToken``s (RFC 7644 §3.4.2.2).
///
/// Strings and numbers follow JSON (RFC 7159 §6, §7), as `compValue` requires. Words run
/// over the characters of attribute paths and URNs (`urn:…:2.0:User:name.givenName`,
/// `members.$ref`). Any run of spaces, tabs or line breaks separates tokens. Errors are
/// `invalidFilter` with the character position.
struct FilterLexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    /// Tokenises `text`; the last token is `.end`.
    static func tokenize(_ text: String) throws(SCIMError) -> [FilterToken] {
        var lexer = FilterLexer(scalars: Array(text.unicodeScalars))
        var tokens: [FilterToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private mutating func next() throws(SCIMError) -> FilterToken {
        while position < scalars.count, Self.isWhitespace(scalars[position]) { position += 1 }
        let start = position
        guard position < scalars.count else { return FilterToken(kind: .end, offset: start) }
        let scalar = scalars[position]
        switch scalar {
        case "(": position += 1; return FilterToken(kind: .leftParen, offset: start)
        case ")": position += 1; return FilterToken(kind: .rightParen, offset: start)
        case "[": position += 1; return FilterToken(kind: .leftBracket, offset: start)
        case "]": position += 1; return FilterToken(kind: .rightBracket, offset: start)
        case "\"": return FilterToken(kind: .string(try string()), offset: start)
        case "-", "0"..."9": return FilterToken(kind: .number(try number()), offset: start)
        default:
            guard Self.isWordStart(scalar) else {
                throw .invalidFilter("Unexpected character '\(Character(scalar))'", at: start)
            }
            while position < scalars.count, Self.isWordCharacter(scalars[position]) { position += 1 }
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[start..<position])
            return FilterToken(kind: .word(String(word)), offset: start)
        }
    }

    /// A JSON string (RFC 7159 §7), starting at the opening quote.
    private mutating func string() throws(SCIMError) -> String {
        let start = position
        position += 1
        var result = String.UnicodeScalarView()
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            switch scalar {
            case "\"":
                return String(result)
            case "\\":
                guard position < scalars.count else { break }
                let escape = scalars[position]
                position += 1
                switch escape {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "/": result.append("/")
                case "b": result.append("\u{08}")
                case "f": result.append("\u{0C}")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                case "u": result.append(try unicodeEscape(at: position - 2))
                default: throw .invalidFilter("Invalid escape '\\\(Character(escape))' in string", at: position - 2)
                }
            default:
                // RFC 7159 §7: control characters must be escaped.
                guard scalar.value >= 0x20 else {
                    throw .invalidFilter("Unescaped control character in string", at: position - 1)
                }
                result.append(scalar)
            }
        }
        throw .invalidFilter("Unterminated string", at: start)
    }

    /// `\uXXXX`, joining a UTF-16 surrogate pair (RFC 7159 §7); `position` is after the `u`.
    private mutating func unicodeEscape(at escapeStart: Int) throws(SCIMError) -> Unicode.Scalar {
        let high = try hex4(escapeStart)
        if (0xD800...0xDBFF).contains(high) {
            guard position + 1 < scalars.count, scalars[position] == "\\", scalars[position + 1] == "u" else {
                throw .invalidFilter("Unpaired surrogate in string", at: escapeStart)
            }
            position += 2
            let low = try hex4(escapeStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw .invalidFilter("Unpaired surrogate in string", at: escapeStart)
            }
            let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            if let scalar = Unicode.Scalar(value) { return scalar }
        } else if let scalar = Unicode.Scalar(high) {
            return scalar
        }
        throw .invalidFilter("Invalid \\u escape in string", at: escapeStart)
    }

    private mutating func hex4(_ escapeStart: Int) throws(SCIMError) -> UInt32 {
        guard position + 4 <= scalars.count else { throw .invalidFilter("Invalid \\u escape in string", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexValue(scalars[position]) else {
                throw .invalidFilter("Invalid \\u escape in string", at: escapeStart)
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    /// A JSON number (RFC 7159 §6): `-? (0 / [1-9] DIGIT*) [. DIGIT+] [(e/E) [+/-] DIGIT+]`.
    private mutating func number() throws(SCIMError) -> FilterValue {
        let start = position
        var isInteger = true
        if scalars[position] == "-" { position += 1 }
        guard position < scalars.count, scalars[position].isASCIIDigit else {
            throw .invalidFilter("Invalid number", at: start)
        }
        if scalars[position] == "0" {
            position += 1
        } else {
            while position < scalars.count, scalars[position].isASCIIDigit { position += 1 }
        }
        if position < scalars.count, scalars[position] == "." {
            isInteger = false
            position += 1
            guard skipDigits() else { throw .invalidFilter("Invalid number", at: start) }
        }
        if position < scalars.count, scalars[position] == "e" || scalars[position] == "E" {
            isInteger = false
            position += 1
            if position < scalars.count, scalars[position] == "+" || scalars[position] == "-" { position += 1 }
            guard skipDigits() else { throw .invalidFilter("Invalid number", at: start) }
        }
        if position < scalars.count, Self.isWordCharacter(scalars[position]) || scalars[position] == "\"" {
            throw .invalidFilter("Invalid number", at: start)
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<position])
        let literal = String(text)
        if isInteger, let integer = Int64(literal) { return .integer(integer) }
        guard let decimal = Double(literal), decimal.isFinite else { throw .invalidFilter("Invalid number", at: start) }
        return .decimal(decimal)
    }

    private mutating func skipDigits() -> Bool {
        let start = position
        while position < scalars.count, scalars[position].isASCIIDigit { position += 1 }
        return position > start
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    private static func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCIILetter || scalar == "$" || scalar == "_" || scalar == "."
    }

    /// Characters of attribute names, sub-attribute dots and schema URIs.
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCIILetter || scalar.isASCIIDigit || "-_.:$/%#~@!&'*+,;=".unicodeScalars.contains(scalar)
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 0x30
        case "a"..."f": return scalar.value - 0x61 + 10
        case "A"..."F": return scalar.value - 0x41 + 10
        default: return nil
        }
    }
}

/// The recursive-descent reader behind ``JSONParser``: one pass over a byte buffer,
/// no intermediate tokens, strings built straight from the buffer when they hold no
/// escapes.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    /// Position of the next byte to read.
    var index = 0
    /// Containers currently open.
    var depth = 0
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []
    /// Keys of the objects currently open, for error details.
    var path: [String] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// Reads the single top-level value and checks that only whitespace follows it.
    mutating func readDocument() throws(SCIMError) -> JSONValue {
        // RFC 8259 §8.1: a parser MAY ignore a byte order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        let value = try readValue()
        skipWhitespace()
        if index < bytes.count {
            throw failure("unexpected \(describeByte(at: index)) after the end of the JSON value")
        }
        return value
    }

    // MARK: - Values

    mutating func readValue() throws(SCIMError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end of input; expected a value") }
        switch bytes[index] {
        case JSONByte.openBrace: return try readObject()
        case JSONByte.openBracket: return try readArray()
        case JSONByte.quote: return .string(try readString())
        case JSONByte.letterT: try readLiteral("true"); return .bool(true)
        case JSONByte.letterF: try readLiteral("false"); return .bool(false)
        case JSONByte.letterN: try readLiteral("null"); return .null
        case JSONByte.minus, JSONByte.digit0 ... JSONByte.digit9: return try readNumber()
        default: throw failure("unexpected \(describeByte(at: index)); expected a value")
        }
    }

    mutating func readLiteral(_ literal: StaticString) throws(SCIMError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        for offset in 0 ..< count {
            guard index + offset < bytes.count, bytes[index + offset] == start[offset] else {
                throw failure("invalid literal; expected '\(literal)'")
            }
        }
        index += count
    }

    mutating func enterContainer() throws(SCIMError) {
        depth += 1
        if depth > maximumDepth {
            throw failure("arrays and objects are nested more than \(maximumDepth) deep")
        }
    }

    mutating func readArray() throws(SCIMError) -> JSONValue {
        try enterContainer()
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == JSONByte.closeBracket {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try readValue())
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input inside an array; expected ',' or ']'") }
            switch bytes[index] {
            case JSONByte.comma: index += 1
            case JSONByte.closeBracket:
                index += 1
                depth -= 1
                return .array(elements)
            default: throw failure("unexpected \(describeByte(at: index)) inside an array; expected ',' or ']'")
            }
        }
    }

    mutating func readObject() throws(SCIMError) -> JSONValue {
        try enterContainer()
        index += 1  // {
        var members: [JSONObject.Member] = []
        var foldedKeys: Set<String> = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == JSONByte.closeBrace {
            index += 1
            depth -= 1
            return .object(JSONObject(uniqueMembers: members))
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == JSONByte.quote else {
                throw failure(index < bytes.count
                    ? "unexpected \(describeByte(at: index)) inside an object; expected a quoted attribute name"
                    : "unexpected end of input inside an object; expected a quoted attribute name")
            }
            let keyOffset = index
            let key = try readString()
            try checkDuplicate(key, among: members, folded: &foldedKeys, at: keyOffset)
            skipWhitespace()
            guard index < bytes.count, bytes[index] == JSONByte.colon else {
                throw failure("expected ':' after attribute name \"\(key)\"")
            }
            index += 1
            path.append(key)
            let value = try readValue()
            path.removeLast()
            members.append(JSONObject.Member(key: key, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input inside an object; expected ',' or '}'") }
            switch bytes[index] {
            case JSONByte.comma: index += 1
            case JSONByte.closeBrace:
                index += 1
                depth -= 1
                return .object(JSONObject(uniqueMembers: members))
            default: throw failure("unexpected \(describeByte(at: index)) inside an object; expected ',' or '}'")
            }
        }
    }

    /// RFC 7643 §2.1: attribute names are case-insensitive, so a key repeated exactly or
    /// under another case makes the object ambiguous. Small objects are scanned; larger
    /// ones keep a set of case-folded keys so the check stays linear.
    mutating func checkDuplicate(_ key: String, among members: [JSONObject.Member],
                                 folded: inout Set<String>, at offset: Int) throws(SCIMError) {
        let linearLimit = 12
        var clash: String?
        if members.count < linearLimit {
            clash = members.first(where: { $0.key.equalsIgnoringCase(key) })?.key
        } else {
            if folded.isEmpty { for member in members { folded.insert(member.key.lowercased()) } }
            if !folded.insert(key.lowercased()).inserted {
                clash = members.first(where: { $0.key.equalsIgnoringCase(key) })?.key ?? key
            }
        }
        guard let clash else { return }
        let location = path.isEmpty ? "the top-level object" : "object \"\(path.joined(separator: "."))\""
        let how = clash == key ? "twice" : "twice (as \"\(clash)\" and \"\(key)\"; attribute names are case-insensitive, RFC 7643 §2.1)"
        index = offset
        throw failure("attribute \"\(key)\" appears \(how) in \(location)")
    }

    // MARK: - Numbers

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func readNumber() throws(SCIMError) -> JSONValue {
        let start = index
        var isInteger = true
        let isNegative = bytes[index] == JSONByte.minus
        if isNegative { index += 1 }
        guard index < bytes.count, bytes[index].isJSONDigit else { throw failure("a number needs a digit after '-'") }
        if bytes[index] == JSONByte.digit0 { index += 1 } else { skipDigits() }
        let integerEnd = index
        if index < bytes.count, bytes[index] == JSONByte.period {
            isInteger = false
            index += 1
            guard index < bytes.count, bytes[index].isJSONDigit else { throw failure("a number needs a digit after '.'") }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == JSONByte.letterE || bytes[index] == JSONByte.letterUpperE {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == JSONByte.plus || bytes[index] == JSONByte.minus { index += 1 }
            guard index < bytes.count, bytes[index].isJSONDigit else { throw failure("a number needs a digit in its exponent") }
            skipDigits()
        }
        if isInteger, let integer = integerValue(from: isNegative ? start + 1 : start, to: integerEnd, negative: isNegative) {
            return .integer(integer)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< index]), as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            index = start
            throw failure("the number \(text) is out of range")
        }
        return .decimal(double)
    }

    mutating func skipDigits() {
        while index < bytes.count, bytes[index].isJSONDigit { index += 1 }
    }

    /// The integer of the digits in `start..<end`, or `nil` when it does not fit `Int64`.
    func integerValue(from start: Int, to end: Int, negative: Bool) -> Int64? {
        guard end - start <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for position in start ..< end {
            magnitude = magnitude * 10 + UInt64(bytes[position] &- JSONByte.digit0)  // ≤ 19 digits: no overflow
        }
        if negative {
            if magnitude <= UInt64(Int64.max) { return -Int64(magnitude) }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    // MARK: - Whitespace and errors

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case JSONByte.space, JSONByte.tab, JSONByte.lineFeed, JSONByte.carriageReturn: index += 1
            default: return
            }
        }
    }

    func describeByte(at position: Int) -> String {
        let byte = bytes[position]
        if byte >= 0x21, byte < 0x7F { return "character '\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    func failure(_ message: String) -> SCIMError {
        .invalidSyntax("Invalid JSON at byte \(index): \(message).")
    }
}

extension UInt8 {
    fileprivate var isJSONDigit: Bool { self >= JSONByte.digit0 && self <= JSONByte.digit9 }
}

/// String reading for ``JSONReader``: escapes (RFC 8259 §7) and UTF-8 validation
/// (RFC 8259 §8.1, RFC 3629 §4).
extension JSONReader {
    /// Reads a string starting at the opening quote and leaves `index` after the closing one.
    mutating func readString() throws(SCIMError) -> String {
        index += 1  // "
        let start = index
        // Fast path: no escapes, so the string is a slice of the buffer.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == JSONByte.quote {
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< index]), as: UTF8.self)
                index += 1
                return string
            }
            if byte == JSONByte.backslash { break }
            if byte < 0x20 { throw failure("control character 0x\(String(byte, radix: 16, uppercase: true)) must be escaped inside a string") }
            if byte < 0x80 { index += 1 } else { try skipUTF8Sequence() }
        }
        guard index < bytes.count else { throw failure("unterminated string") }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start ..< index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == JSONByte.quote {
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == JSONByte.backslash {
                try readEscape()
            } else if byte < 0x20 {
                throw failure("control character 0x\(String(byte, radix: 16, uppercase: true)) must be escaped inside a string")
            } else if byte < 0x80 {
                scratch.append(byte)
                index += 1
            } else {
                let sequenceStart = index
                try skipUTF8Sequence()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[sequenceStart ..< index]))
            }
        }
        throw failure("unterminated string")
    }

    /// Reads one escape at `index` (the backslash) and appends its UTF-8 to `scratch`.
    mutating func readEscape() throws(SCIMError) {
        guard index + 1 < bytes.count else { throw failure("unterminated escape") }
        let escaped = bytes[index + 1]
        let simple: UInt8?
        switch escaped {
        case JSONByte.quote: simple = JSONByte.quote
        case JSONByte.backslash: simple = JSONByte.backslash
        case JSONByte.slash: simple = JSONByte.slash
        case JSONByte.letterB: simple = 0x08
        case JSONByte.letterF: simple = 0x0C
        case JSONByte.letterN: simple = JSONByte.lineFeed
        case JSONByte.letterR: simple = JSONByte.carriageReturn
        case JSONByte.letterT: simple = JSONByte.tab
        case JSONByte.letterU: simple = nil
        default: throw failure("invalid escape '\\\(Character(Unicode.Scalar(escaped)))'")
        }
        if let simple {
            scratch.append(simple)
            index += 2
            return
        }
        let escapeStart = index
        var scalar = try readHexQuad(at: index + 2)
        index += 6
        if (0xDC00 ... 0xDFFF).contains(scalar) {
            index = escapeStart
            throw failure("unpaired low surrogate \\u\(String(scalar, radix: 16, uppercase: true))")
        }
        if (0xD800 ... 0xDBFF).contains(scalar) {
            // RFC 8259 §7: a character outside the BMP is a UTF-16 surrogate pair.
            guard index + 1 < bytes.count, bytes[index] == JSONByte.backslash, bytes[index + 1] == JSONByte.letterU else {
                index = escapeStart
                throw failure("unpaired high surrogate \\u\(String(scalar, radix: 16, uppercase: true))")
            }
            let low = try readHexQuad(at: index + 2)
            guard (0xDC00 ... 0xDFFF).contains(low) else {
                index = escapeStart
                throw failure("high surrogate \\u\(String(scalar, radix: 16, uppercase: true)) is not followed by a low surrogate")
            }
            index += 6
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        appendUTF8(of: scalar)
    }

    func readHexQuad(at position: Int) throws(SCIMError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for offset in 0 ..< 4 {
            let byte = bytes[position + offset]
            let digit: UInt8
            switch byte {
            case JSONByte.digit0 ... JSONByte.digit9: digit = byte - JSONByte.digit0
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    mutating func appendUTF8(of scalar: UInt32) {
        switch scalar {
        case 0 ..< 0x80:
            scratch.append(UInt8(scalar))
        case 0x80 ..< 0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800 ..< 0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Validates the multi-byte UTF-8 sequence at `index` (RFC 3629 §4: no overlong
    /// forms, no surrogates, nothing above U+10FFFF) and moves past it.
    mutating func skipUTF8Sequence() throws(SCIMError) {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80 ... 0xBF
        switch lead {
        case 0xC2 ... 0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0 ... 0xBF
        case 0xE1 ... 0xEC, 0xEE ... 0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80 ... 0x9F
        case 0xF0: length = 4; secondRange = 0x90 ... 0xBF
        case 0xF1 ... 0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80 ... 0x8F
        default: throw failure("invalid UTF-8 lead byte 0x\(String(lead, radix: 16, uppercase: true))")
        }
        guard index + length <= bytes.count else { throw failure("truncated UTF-8 sequence") }
        guard secondRange.contains(bytes[index + 1]) else { throw failure("invalid UTF-8 sequence") }
        for offset in 2 ..< length where bytes[index + offset] & 0xC0 != 0x80 {
            throw failure("invalid UTF-8 sequence")
        }
        index += length
    }
}

/// The ASCII bytes JSON syntax is made of (RFC 8259 §2).
enum JSONByte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let period = UInt8(ascii: ".")
    static let digit0 = UInt8(ascii: "0")
    static let digit9 = UInt8(ascii: "9")
    static let letterB = UInt8(ascii: "b")
    static let letterE = UInt8(ascii: "e")
    static let letterUpperE = UInt8(ascii: "E")
    static let letterF = UInt8(ascii: "f")
    static let letterN = UInt8(ascii: "n")
    static let letterR = UInt8(ascii: "r")
    static let letterT = UInt8(ascii: "t")
    static let letterU = UInt8(ascii: "u")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
}

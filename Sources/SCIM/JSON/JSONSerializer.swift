/// Writes a ``JSONValue`` as JSON text (RFC 8259), compact or pretty-printed.
///
/// - Object keys are written in their stored order, never sorted, so a resource
///   round-trips and golden files stay stable.
/// - Strings escape `"`, `\` and the control characters U+0000–U+001F (RFC 8259 §7),
///   using the short forms `\b \f \n \r \t` where they exist; everything else,
///   including `/` and non-ASCII text, is written as UTF-8.
/// - Decimals use Swift's shortest representation that reads back to the same
///   `Double`, and always keep a fraction or exponent (`1.0`, `1e-05`) so they parse
///   back as decimals. A non-finite decimal, which JSON cannot express, is written as
///   `null`.
public enum JSONSerializer {
    /// How the text is laid out.
    public enum Layout: Sendable {
        /// No whitespace at all: the wire format.
        case compact
        /// Two-space indentation, one member or element per line, `"key": value`, and a
        /// final newline: the format of the golden files under `spec/`.
        case prettyPrinted
    }

    /// The UTF-8 JSON text of `value`.
    public static func serialize(_ value: JSONValue, layout: Layout = .compact) -> [UInt8] {
        var writer = JSONWriter(isPretty: layout == .prettyPrinted)
        // A User's JSON is about 1 KB: one allocation instead of three growths from 256.
        writer.output.reserveCapacity(1024)
        writer.write(value, indent: 0)
        if layout == .prettyPrinted { writer.output.append(JSONByte.lineFeed) }
        return writer.output
    }
}

extension JSONValue {
    /// The compact (or pretty-printed) UTF-8 JSON text of this value; see ``JSONSerializer``.
    public func encoded(layout: JSONSerializer.Layout = .compact) -> [UInt8] {
        JSONSerializer.serialize(self, layout: layout)
    }

    /// The JSON text of this value as a string; see ``JSONSerializer``.
    public func encodedString(layout: JSONSerializer.Layout = .compact) -> String {
        String(decoding: encoded(layout: layout), as: UTF8.self)
    }
}

/// The byte writer behind ``JSONSerializer``.
struct JSONWriter {
    let isPretty: Bool
    var output: [UInt8] = []

    init(isPretty: Bool) {
        self.isPretty = isPretty
    }

    mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let bool): output.append(contentsOf: (bool ? "true" : "false").utf8)
        case .integer(let integer): output.append(contentsOf: String(integer).utf8)
        case .decimal(let double): writeDecimal(double)
        case .string(let string): writeString(string)
        case .array(let elements):
            guard !elements.isEmpty else { output.append(contentsOf: "[]".utf8); return }
            output.append(JSONByte.openBracket)
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(JSONByte.comma) }
                newline(indent: indent + 1)
                write(element, indent: indent + 1)
            }
            newline(indent: indent)
            output.append(JSONByte.closeBracket)
        case .object(let object):
            guard !object.isEmpty else { output.append(contentsOf: "{}".utf8); return }
            output.append(JSONByte.openBrace)
            for (position, member) in object.members.enumerated() {
                if position > 0 { output.append(JSONByte.comma) }
                newline(indent: indent + 1)
                writeString(member.key)
                output.append(JSONByte.colon)
                if isPretty { output.append(JSONByte.space) }
                write(member.value, indent: indent + 1)
            }
            newline(indent: indent)
            output.append(JSONByte.closeBrace)
        }
    }

    mutating func newline(indent: Int) {
        guard isPretty else { return }
        output.append(JSONByte.lineFeed)
        output.append(contentsOf: repeatElement(JSONByte.space, count: indent * 2))
    }

    mutating func writeDecimal(_ double: Double) {
        guard double.isFinite else { output.append(contentsOf: "null".utf8); return }
        // Swift's description is the shortest round-trip form and always has a '.' or
        // an exponent ("1.0", "1e-05", "1e+100"), all valid RFC 8259 numbers.
        output.append(contentsOf: double.description.utf8)
    }

    mutating func writeString(_ string: String) {
        output.append(JSONByte.quote)
        var string = string
        string.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var runStart = 0
            var position = 0
            while position < bytes.count {
                // Eight bytes at a time while none needs escaping (most text has none).
                if bytes.count - position >= 8,
                   !Self.mayNeedEscape(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)) {
                    position += 8
                    continue
                }
                let byte = base[position]
                if byte < 0x20 || byte == JSONByte.quote || byte == JSONByte.backslash {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart ..< position]))
                    appendEscape(for: byte)
                    runStart = position + 1
                }
                position += 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(JSONByte.quote)
    }

    /// Whether one of the eight bytes of `word` may be `"`, `\\` or below 0x20 (never
    /// false when one is; a byte after one that is may be reported too, which only sends
    /// the caller to look at each byte).
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below0x20 || hasZeroByte(word ^ (ones &* UInt64(JSONByte.quote)))
            || hasZeroByte(word ^ (ones &* UInt64(JSONByte.backslash)))
    }

    mutating func appendEscape(for byte: UInt8) {
        output.append(JSONByte.backslash)
        switch byte {
        case JSONByte.quote, JSONByte.backslash: output.append(byte)
        case 0x08: output.append(JSONByte.letterB)
        case 0x0C: output.append(JSONByte.letterF)
        case JSONByte.lineFeed: output.append(JSONByte.letterN)
        case JSONByte.carriageReturn: output.append(JSONByte.letterR)
        case JSONByte.tab: output.append(JSONByte.letterT)
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            output.append(contentsOf: [JSONByte.letterU, JSONByte.digit0, JSONByte.digit0, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
}

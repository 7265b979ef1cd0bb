/// Small helpers to write JSON text by hand where building a value would be waste
/// (log lines).
enum JSONText {
    /// `value` as a JSON string literal (RFC 8259 §7): ``appendQuoted(_:to:)``'s text.
    static func quote(_ value: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 2)
        appendQuoted(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value` as a JSON string literal to `out` (RFC 8259 §7): a quote, a
    /// backslash and the control characters escaped, `\n`, `\r` and `\t` by name, the others
    /// as `\u00XX` (lowercase hex); every other character as it is.
    static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let utf8 = value.utf8
        if !utf8.contains(where: needsEscape) {
            out.append(contentsOf: utf8)
        } else {
            for byte in utf8 {
                guard needsEscape(byte) else {
                    out.append(byte)
                    continue
                }
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: "u00".utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `value` in decimal to `out`, with leading zeros up to `minimumDigits`.
    static func appendDecimal(_ value: Int, minimumDigits: Int = 1, to out: inout [UInt8]) {
        guard value >= 0 else {
            out.append(contentsOf: String(value).utf8)
            return
        }
        var divisor = 1
        for _ in 1..<max(1, minimumDigits) { divisor *= 10 }
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// A quote, a backslash or a control character (below U+0020): escaped in a literal.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
    }
}

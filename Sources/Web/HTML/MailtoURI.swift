/// A `mailto:` URI for one address (RFC 6068 §2): the address percent-encoded wherever
/// it holds a character that would end it or change its meaning there.
///
/// An address's local part may hold `?`, `&`, `=`, `%` and `#` (RFC 5322 atext), which a
/// `mailto:` URI reads as the start of header fields, an escape or a fragment: written
/// raw, `ada%40acme.example?bcc=spy@evil.example` composed a mail to
/// `ada@acme.example` with a hidden copy to `spy@evil.example`. Only RFC 6068's `qchar`
/// characters other than `%` (unreserved, `!$'()*+,;:@`) stay as they are; every other
/// byte of the address's UTF-8 is written `%XX`.
public enum MailtoURI {
    /// `mailto:` followed by `address`, encoded as above.
    public static func to(_ address: String) -> String {
        var out = "mailto:"
        for byte in address.utf8 {
            if isKept(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$'()*+,;:@".utf8.contains(byte)
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

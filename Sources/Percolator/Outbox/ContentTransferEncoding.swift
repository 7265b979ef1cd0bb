/// How a message body travels (RFC 2045 §6, RFC 6152).
public enum ContentTransferEncoding: String, Sendable, Equatable {
    /// ASCII lines of at most 998 octets, as they are.
    case sevenBit = "7bit"
    /// UTF-8 lines of at most 998 octets, as they are; only to relays offering 8BITMIME.
    case eightBit = "8bit"
    /// Base64 in lines of 76 characters: any bytes, any line length, any relay.
    case base64

    /// The most octets a line may hold, CRLF excluded (RFC 5322 §2.1.1).
    static let maximumLineLength = 998

    /// The lightest encoding that carries `body` (CRLF line endings) intact, 8bit only
    /// when `allowsEightBit`.
    static func choose(for body: [UInt8], allowsEightBit: Bool) -> ContentTransferEncoding {
        var lineLength = 0
        var isASCII = true
        for byte in body {
            switch byte {
            case UInt8(ascii: "\n"):
                lineLength = 0
                continue
            case UInt8(ascii: "\r"):
                continue
            case 0:
                return .base64
            default:
                if byte >= 0x80 { isASCII = false }
                lineLength += 1
                if lineLength > maximumLineLength { return .base64 }
            }
        }
        if isASCII { return .sevenBit }
        return allowsEightBit ? .eightBit : .base64
    }
}

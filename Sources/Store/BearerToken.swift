import FoundationEssentials

/// The format of Percolator's bearer tokens, and how they are made and hashed.
///
/// A token is `pct_` followed by 32 random bytes (256 bits, from
/// `SystemRandomNumberGenerator`, i.e. `getrandom(2)` on Linux) in base64url without
/// padding (RFC 4648 §5): 4 + 43 = 47 ASCII characters, e.g.
/// `pct_q3T0…` . The prefix lets secret scanners and humans recognise a token.
///
/// The Store keeps only `SHA256.hash` of the whole plaintext (prefix included, UTF-8),
/// looks tokens up by that hash, and compares it in constant time.
public enum BearerToken {
    /// The prefix every token starts with.
    public static let prefix = "pct_"
    /// Random bytes in a token.
    public static let randomByteCount = 32
    /// The length of a token in characters: the prefix plus unpadded base64url of 32 bytes.
    public static let length = prefix.utf8.count + 43

    /// A new random token.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(randomByteCount)
        for _ in 0..<(randomByteCount / 8) {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        return prefix + base64URLEncoded(bytes)
    }

    /// The SHA-256 of `plaintext` if it has the token format, else `nil` (so malformed
    /// input never reaches the database).
    public static func digest(of plaintext: String) -> [UInt8]? {
        guard isWellFormed(plaintext) else { return nil }
        return SHA256.hash(plaintext)
    }

    /// Whether `text` has the token format: the prefix, then 43 base64url characters.
    public static func isWellFormed(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count == length, text.hasPrefix(prefix) else { return false }
        return utf8.dropFirst(prefix.utf8.count).allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                return true
            default:
                return false
            }
        }
    }

    /// Unpadded base64url (RFC 4648 §5).
    static func base64URLEncoded(_ bytes: [UInt8]) -> String {
        let base64 = Data(bytes).base64EncodedString()
        var text = ""
        text.reserveCapacity(base64.utf8.count)
        for character in base64 where character != "=" {
            text.append(character == "+" ? "-" : character == "/" ? "_" : character)
        }
        return text
    }
}

import Foundation

/// The secret an invitation email or an invitation link carries: 32 random bytes from an
/// injected generator, base64url without padding (43 characters).
///
/// The generator must be cryptographically secure in production
/// (`SystemRandomNumberGenerator`); tests pass a seeded one. Comparison with a presented
/// token is constant-time (``matches(_:)``).
public struct InvitationToken: Hashable, Sendable, CustomStringConvertible {
    /// The token as put in links.
    public let rawValue: String

    /// The number of random bytes: 256 bits.
    public static let byteCount = 32

    /// Wraps a stored token.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// A fresh token from `generator`.
    public static func generate(using generator: inout some RandomNumberGenerator) -> InvitationToken {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        while bytes.count < byteCount {
            withUnsafeBytes(of: generator.next().littleEndian) { bytes.append(contentsOf: $0) }
        }
        return InvitationToken(base64URL(bytes.prefix(byteCount)))
    }

    /// The base64url alphabet (RFC 4648 §5).
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// `bytes` in base64url without padding, written directly (issue 16: a match of
    /// 100,000 members makes one token per member, and `base64EncodedString()` followed by
    /// three `replacingOccurrences` was a twentieth of the match's time).
    static func base64URL(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index < input.count {
            let remaining = input.count - index
            let b0 = UInt32(input[index])
            let b1 = remaining > 1 ? UInt32(input[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(input[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            output.append(alphabet[Int(triple >> 18 & 63)])
            output.append(alphabet[Int(triple >> 12 & 63)])
            if remaining > 1 { output.append(alphabet[Int(triple >> 6 & 63)]) }
            if remaining > 2 { output.append(alphabet[Int(triple & 63)]) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `presented` is this token, in time independent of where they differ.
    public func matches(_ presented: String) -> Bool {
        let lhs = Array(rawValue.utf8), rhs = Array(presented.utf8)
        var difference = UInt8(lhs.count == rhs.count ? 0 : 1)
        for index in 0..<lhs.count {
            difference |= lhs[index] ^ (index < rhs.count ? rhs[index] : 0)
        }
        return difference == 0
    }

    /// Redacted: tokens never go to logs.
    public var description: String { "InvitationToken(redacted)" }
}

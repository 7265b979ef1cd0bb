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
        let base64 = Data(bytes.prefix(byteCount)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return InvitationToken(base64)
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

import Crypto
import Foundation

/// Checks that a request claiming to come from Slack (Events API, slash commands) was
/// signed with the app's signing secret: `X-Slack-Signature` is `v0=` followed by the
/// hex HMAC-SHA256 of `v0:{X-Slack-Request-Timestamp}:{raw body}`, and a timestamp
/// more than five minutes from now is refused as a possible replay
/// (https://docs.slack.dev/authentication/verifying-requests-from-slack).
///
/// The comparison is constant-time (libcrypto's `CRYPTO_memcmp`); the reasons for a
/// refusal are for logs, never for the response body.
public struct SlackRequestVerifier: Sendable {
    /// Why a request was refused.
    public enum Rejection: Error, Sendable, Equatable {
        /// `X-Slack-Request-Timestamp` or `X-Slack-Signature` is absent.
        case missingHeaders
        /// The timestamp is not a number of seconds.
        case malformedTimestamp
        /// The timestamp is further from now than the tolerance: a replay, or a clock off.
        case stale
        /// The signature is not `v0=` and 64 hex digits, or does not match.
        case badSignature
    }

    /// Slack's replay window: five minutes either way.
    public static let defaultTolerance: TimeInterval = 5 * 60

    private let signingSecret: [UInt8]
    private let tolerance: TimeInterval

    /// A verifier for the app whose signing secret is `signingSecret`.
    public init(signingSecret: String, tolerance: TimeInterval = defaultTolerance) {
        self.signingSecret = Array(signingSecret.utf8)
        self.tolerance = tolerance
    }

    /// Returns when the request is authentic and fresh at `now`; throws why not.
    public func verify(timestamp: String?, signature: String?, body: [UInt8], now: Date = Date()) throws(Rejection) {
        guard let timestamp, let signature else { throw .missingHeaders }
        guard let seconds = Int(timestamp) else { throw .malformedTimestamp }
        guard abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance else { throw .stale }
        guard signature.hasPrefix("v0="), let received = Self.hexBytes(signature.dropFirst(3)),
              received.count == HMACSHA256.codeByteCount
        else { throw .badSignature }
        let message = Array("v0:\(timestamp):".utf8) + body
        guard HMACSHA256.isValid(received, for: message, key: signingSecret) else { throw .badSignature }
    }

    private static func hexBytes(_ text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

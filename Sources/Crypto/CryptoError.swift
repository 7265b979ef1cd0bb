/// Why a cryptographic operation failed. Carries no key, plaintext or ciphertext bytes,
/// so it may be logged as is.
public enum CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libcrypto reported a failure in `operation` (out of memory, an unavailable
    /// algorithm): not something a caller's input can cause.
    case libraryFailure(operation: String)
    /// A key of `actual` bytes where `expected` were needed.
    case invalidKeyLength(expected: Int, actual: Int)
    /// A nonce of `actual` bytes where `expected` were needed.
    case invalidNonceLength(expected: Int, actual: Int)
    /// A tag of `actual` bytes where `expected` were needed.
    case invalidTagLength(expected: Int, actual: Int)
    /// A sealed envelope shorter than its header, nonce and tag.
    case truncatedEnvelope(byteCount: Int)
    /// Envelope text that is not base64.
    case malformedEnvelopeText
    /// A sealed envelope whose version byte this build does not know.
    case unsupportedEnvelopeVersion(UInt8)
    /// The envelope was sealed under another key (its key identifier differs):
    /// the configured key changed, or the data comes from another deployment.
    case keyMismatch
    /// The tag did not match: wrong key, wrong associated data, or altered bytes.
    case authenticationFailed

    /// A sentence for logs and operators.
    public var description: String {
        switch self {
        case .libraryFailure(let operation): "libcrypto failed in \(operation)"
        case .invalidKeyLength(let expected, let actual): "a key of \(actual) bytes where \(expected) are needed"
        case .invalidNonceLength(let expected, let actual): "a nonce of \(actual) bytes where \(expected) are needed"
        case .invalidTagLength(let expected, let actual): "a tag of \(actual) bytes where \(expected) are needed"
        case .truncatedEnvelope(let count): "a sealed envelope of \(count) bytes is too short"
        case .malformedEnvelopeText: "a sealed envelope's text is not base64"
        case .unsupportedEnvelopeVersion(let version): "sealed envelope version \(version) is not supported"
        case .keyMismatch: "the sealed data was encrypted under another key"
        case .authenticationFailed: "the sealed data failed authentication (wrong key, or altered)"
        }
    }
}

import Foundation

/// Encrypts outside systems' credentials (bot tokens, client secrets, API keys) for
/// storage at rest with AES-256-GCM, so that a copy of the database leaks no secret.
///
/// Each seal draws a fresh random 96-bit nonce and writes a versioned envelope:
///
/// ```text
/// version 1:  0x01 | key id (4) | nonce (12) | ciphertext (n) | tag (16)
/// ```
///
/// The version byte and key id are authenticated with the caller's `context` as
/// associated data. Pass a context that names where the secret belongs (for example
/// `"tenant:<id>/connection:<id>"`): an envelope copied to another row then fails to
/// open instead of decrypting into the wrong place.
public struct CredentialCipher: Sendable {
    /// The envelope version this build writes.
    public static let currentVersion: UInt8 = 1
    /// Bytes before the ciphertext: version, key id, nonce.
    static let headerByteCount = 1 + 4 + AES256GCM.nonceByteCount

    private let key: EncryptionKey

    /// A cipher under `key`.
    public init(key: EncryptionKey) {
        self.key = key
    }

    /// The envelope of `plaintext`, bound to `context`.
    public func seal(_ plaintext: [UInt8], context: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        let nonce = try SecureRandom.bytes(count: AES256GCM.nonceByteCount)
        let header = [Self.currentVersion] + key.identifier
        let sealed = try AES256GCM.seal(plaintext, key: key.bytes, nonce: nonce, associatedData: header + context)
        return header + nonce + sealed.ciphertext + sealed.tag
    }

    /// The envelope of the UTF-8 bytes of `secret`, as base64 text (for a TEXT column).
    public func seal(_ secret: String, context: String = "") throws(CryptoError) -> String {
        Data(try seal(Array(secret.utf8), context: Array(context.utf8))).base64EncodedString()
    }

    /// The plaintext of `envelope`, after checking its version, key and tag.
    /// Throws ``CryptoError/truncatedEnvelope(byteCount:)``,
    /// ``CryptoError/unsupportedEnvelopeVersion(_:)``, ``CryptoError/keyMismatch`` or
    /// ``CryptoError/authenticationFailed``; never returns unauthenticated bytes.
    public func open(_ envelope: [UInt8], context: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        guard let version = envelope.first else { throw .truncatedEnvelope(byteCount: 0) }
        guard version == Self.currentVersion else { throw .unsupportedEnvelopeVersion(version) }
        guard envelope.count >= Self.headerByteCount + AES256GCM.tagByteCount else {
            throw .truncatedEnvelope(byteCount: envelope.count)
        }
        let header = Array(envelope[0..<5])
        guard ConstantTimeComparison.equals(Array(header[1...]), key.identifier) else { throw .keyMismatch }
        let nonce = Array(envelope[5..<Self.headerByteCount])
        let tagStart = envelope.count - AES256GCM.tagByteCount
        let sealed = AES256GCM.Sealed(ciphertext: Array(envelope[Self.headerByteCount..<tagStart]),
                                      tag: Array(envelope[tagStart...]))
        return try AES256GCM.open(sealed, key: key.bytes, nonce: nonce, associatedData: header + context)
    }

    /// The secret sealed by the `String` form of `seal`. Text that is not base64 throws
    /// ``CryptoError/malformedEnvelopeText``; bytes that are not UTF-8 once opened
    /// (impossible for an envelope this type sealed) ``CryptoError/authenticationFailed``.
    public func open(_ envelope: String, context: String = "") throws(CryptoError) -> String {
        guard let data = Data(base64Encoded: envelope) else { throw .malformedEnvelopeText }
        let bytes = try open(Array(data), context: Array(context.utf8))
        guard let secret = String(bytes: bytes, encoding: .utf8) else { throw .authenticationFailed }
        return secret
    }
}

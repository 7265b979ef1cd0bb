/// A 256-bit key for ``CredentialCipher``. Its bytes never appear in `description`,
/// logs or errors.
public struct EncryptionKey: Sendable, Equatable, CustomStringConvertible {
    /// Key length in bytes.
    public static let byteCount = AES256GCM.keyByteCount

    /// The key bytes (32).
    public let bytes: [UInt8]

    /// Wraps `bytes`; throws ``CryptoError/invalidKeyLength(expected:actual:)`` unless
    /// there are exactly 32.
    public init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.byteCount else {
            throw .invalidKeyLength(expected: Self.byteCount, actual: bytes.count)
        }
        self.bytes = bytes
    }

    /// A new random key from ``SecureRandom``.
    public static func generate() throws(CryptoError) -> EncryptionKey {
        try EncryptionKey(bytes: SecureRandom.bytes(count: byteCount))
    }

    /// A short public identifier of the key: the first 4 bytes of SHA-256 over a
    /// domain-separation label and the key. Envelopes carry it, so opening one with
    /// another key is reported as such rather than as tampering.
    public var identifier: [UInt8] {
        Array(SHA256Hasher.hash(Array("percolator credential key id v1".utf8) + bytes).prefix(4))
    }

    /// Equal keys, compared in constant time.
    public static func == (lhs: EncryptionKey, rhs: EncryptionKey) -> Bool {
        ConstantTimeComparison.equals(lhs.bytes, rhs.bytes)
    }

    /// Never the key bytes.
    public var description: String { "EncryptionKey(redacted)" }
}

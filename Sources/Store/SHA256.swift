import Crypto

/// SHA-256 (FIPS 180-4), from the system's libcrypto through ``Crypto/SHA256Hasher``.
/// Used to store bearer tokens and invitation tokens as hashes; this type keeps the
/// Store's call sites unchanged.
///
/// ```swift
/// let digest = SHA256.hash(Array("abc".utf8))   // 32 bytes
/// var hasher = SHA256(); hasher.update(part1); hasher.update(part2)
/// let same = hasher.finalize()
/// ```
public struct SHA256: Sendable {
    /// The digest length in bytes.
    public static let digestByteCount = SHA256Hasher.digestByteCount

    private var hasher = SHA256Hasher()

    /// A hasher with no input yet.
    public init() {}

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        SHA256Hasher.hash(bytes)
    }

    /// The digest of the UTF-8 bytes of `string`.
    public static func hash(_ string: String) -> [UInt8] {
        SHA256Hasher.hash(string)
    }

    /// Feeds more input.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        hasher.update(bytes)
    }

    /// The 32-byte digest of everything fed so far.
    public mutating func finalize() -> [UInt8] {
        hasher.finalize()
    }
}

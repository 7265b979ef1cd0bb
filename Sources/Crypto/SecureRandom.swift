import CCrypto

/// Cryptographically secure random bytes from libcrypto's `RAND_bytes` (seeded by the
/// operating system), for keys, nonces and tokens.
public enum SecureRandom {
    /// `count` random bytes. Throws ``CryptoError/libraryFailure(operation:)`` when the
    /// generator is not seeded or fails, rather than returning weak bytes.
    public static func bytes(count: Int) throws(CryptoError) -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw .libraryFailure(operation: "RAND_bytes") }
        return bytes
    }
}

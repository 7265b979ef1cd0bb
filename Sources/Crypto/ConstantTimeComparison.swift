import CCrypto

/// Comparison of secrets (tokens, their digests, authentication codes) through
/// libcrypto's `CRYPTO_memcmp`, whose time depends only on the length, never on where
/// the bytes first differ, so response timing does not reveal how much of a guess was
/// right.
public enum ConstantTimeComparison {
    /// Whether `lhs` and `rhs` hold the same bytes. Lengths are not secret (a digest or
    /// a code has a fixed length), so differing lengths return `false` at once.
    public static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard !lhs.isEmpty else { return true }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }
}

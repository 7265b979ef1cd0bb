import Crypto

/// Whether `lhs` and `rhs` hold the same bytes, in time that depends only on their
/// lengths, never on where they first differ.
///
/// For comparing secrets and their hashes (bearer token digests), so that response
/// timing does not reveal how many leading bytes of a guess were right. Lengths are not
/// secret (a digest is always 32 bytes), so differing lengths return `false` at once.
public func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    ConstantTimeComparison.equals(lhs, rhs)
}

/// The content hash in an asset's URL: 64-bit FNV-1a, as 16 lowercase hex digits.
///
/// FNV is not a cryptographic hash and does not need to be: the hash only busts caches
/// when an asset changes (a new build gives a new URL), it guards nothing. Nobody gains
/// from a collision except by making our own stylesheet stale.
public enum ContentHash {
    /// The FNV-1a 64-bit hash of `bytes`, in hex.
    public static func fnv1a64Hex(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

import Store

/// Authenticates the cursors of RFC 9865 paging: a tag over the cursor's bytes and its
/// context (tenant, endpoint, query), made with a server secret, so a client can neither
/// forge a cursor, alter one, nor replay one in another tenant (RFC 9865 §5.2: "Service
/// providers should be able to easily detect forged cursor values").
protocol CursorSigner: Sendable {
    /// The tag of `message`.
    func tag(_ message: [UInt8]) -> [UInt8]
}

extension CursorSigner {
    /// Whether `tag` is the tag of `message`, compared in constant time.
    func verify(_ tag: [UInt8], of message: [UInt8]) -> Bool {
        constantTimeEquals(self.tag(message), tag)
    }
}

/// HMAC-SHA256 (RFC 2104, with the SHA-256 of FIPS 180-4) under a secret key.
///
/// A stop-gap: HMAC is built here, per RFC 2104 §2, over the repository's own
/// ``SHA256`` because no system crypto library is linked yet. It moves to libcrypto's
/// `HMAC()` once the libcrypto system-library target lands; only this type changes
/// (``CursorSigner`` is the seam). Checked against the RFC 4231 test vectors.
struct HMACSHA256CursorSigner: CursorSigner {
    /// SHA-256's block size in bytes (RFC 2104 §2: B = 64).
    private static let blockSize = 64
    private let innerPad: [UInt8]
    private let outerPad: [UInt8]

    /// A signer with `key`; a key longer than a block is hashed first (RFC 2104 §3).
    init(key: [UInt8]) {
        var block = key.count > Self.blockSize ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: Self.blockSize - block.count)
        innerPad = block.map { $0 ^ 0x36 }
        outerPad = block.map { $0 ^ 0x5c }
    }

    /// `H(K ⊕ opad ‖ H(K ⊕ ipad ‖ message))` (RFC 2104 §2).
    func tag(_ message: [UInt8]) -> [UInt8] {
        var inner = SHA256()
        inner.update(innerPad)
        inner.update(message)
        var outer = SHA256()
        outer.update(outerPad)
        outer.update(inner.finalize())
        return outer.finalize()
    }
}

import Testing
@testable import Store

/// Store's `SHA256` keeps its API for the token call sites and delegates to the Crypto
/// module (libcrypto), whose FIPS 180-4 vectors are in Tests/CryptoTests.
@Suite("SHA-256 — Store's API over libcrypto")
struct SHA256Tests {
    @Test("one-shot, string and incremental forms give the FIPS 180-4 'abc' digest")
    func delegates() {
        let expected: [UInt8] = [
            0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
            0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
        ]
        #expect(SHA256.hash("abc") == expected)
        #expect(SHA256.hash(Array("abc".utf8)) == expected)
        var hasher = SHA256()
        hasher.update(Array("a".utf8))
        hasher.update("bc".utf8)
        #expect(hasher.finalize() == expected)
        #expect(SHA256.digestByteCount == 32)
    }
}

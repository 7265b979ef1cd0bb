import Testing
@testable import Crypto

@Suite("Secure random bytes and constant-time comparison — libcrypto RAND_bytes, CRYPTO_memcmp")
struct SecureRandomTests {
    @Test("RAND_bytes gives the requested count, and two draws differ")
    func randomBytes() throws {
        #expect(try SecureRandom.bytes(count: 0).isEmpty)
        let first = try SecureRandom.bytes(count: 32), second = try SecureRandom.bytes(count: 32)
        #expect(first.count == 32)
        // Two equal 256-bit draws have probability 2^-256: a failure means a broken generator.
        #expect(first != second)
    }

    @Test("equals compares content and length", arguments: [
        ([UInt8](), [UInt8](), true),
        ([1, 2, 3], [1, 2, 3], true),
        ([1, 2, 3], [1, 2, 4], false),
        ([0, 2, 3], [1, 2, 3], false),
        ([1, 2, 3], [1, 2], false),
        ([], [0], false),
    ] as [([UInt8], [UInt8], Bool)])
    func constantTimeEquals(lhs: [UInt8], rhs: [UInt8], expected: Bool) {
        #expect(ConstantTimeComparison.equals(lhs, rhs) == expected)
    }
}

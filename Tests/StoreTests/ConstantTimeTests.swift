import Testing
@testable import Store

@Suite("Constant-time comparison")
struct ConstantTimeTests {
    @Test("equal bytes compare equal; any difference or length mismatch does not")
    func compares() {
        let digest = SHA256.hash("token")
        #expect(constantTimeEquals(digest, digest))
        #expect(constantTimeEquals([], []))
        for index in digest.indices {
            var other = digest
            other[index] ^= 0x01
            #expect(!constantTimeEquals(digest, other))
        }
        #expect(!constantTimeEquals(digest, Array(digest.dropLast())))
    }
}

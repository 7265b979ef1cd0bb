import Testing
@testable import Store

@Suite("Bearer token format — pct_ + base64url(32 random bytes)")
struct BearerTokenTests {
    @Test("generated tokens are 47 characters, well formed and distinct")
    func generates() {
        let tokens = (0..<100).map { _ in BearerToken.generate() }
        #expect(Set(tokens).count == tokens.count)
        for token in tokens {
            #expect(token.utf8.count == 47 && token.hasPrefix("pct_"))
            #expect(BearerToken.isWellFormed(token))
            #expect(!token.contains("=") && !token.contains("+") && !token.contains("/"))
        }
    }

    @Test("malformed tokens have no digest", arguments: [
        "", "pct_", "Bearer pct_x", "pct_" + String(repeating: "A", count: 42),
        "pct_" + String(repeating: "A", count: 44), "xyz_" + String(repeating: "A", count: 43),
        "pct_" + String(repeating: "A", count: 42) + "=", "pct_" + String(repeating: "é", count: 43),
    ])
    func rejectsMalformed(text: String) {
        #expect(BearerToken.digest(of: text) == nil)
    }

    @Test("the digest is the SHA-256 of the whole token, prefix included")
    func digest() {
        let token = BearerToken.generate()
        #expect(BearerToken.digest(of: token) == SHA256.hash(token))
    }

    @Test("base64url uses - and _ and drops padding (RFC 4648 §5)")
    func base64URL() {
        #expect(BearerToken.base64URLEncoded([0xFB, 0xFF]) == "-_8")
        #expect(BearerToken.base64URLEncoded([]) == "")
    }
}

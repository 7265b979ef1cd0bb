import Testing
@testable import Crypto

@Suite("HMAC-SHA256 — RFC 4231 §4 test cases")
struct HMACSHA256Tests {
    private static let largeKey = [UInt8](repeating: 0xaa, count: 131)

    @Test("RFC 4231 test cases 1–4, 6, 7", arguments: [
        (1, [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (2, Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (3, [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (4, Array(1...25), [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (6, largeKey, Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (7, largeKey, Array(("This is a test using a larger than block-size key and a larger than block-size data. "
                             + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ] as [(Int, [UInt8], [UInt8], String)])
    func rfc4231(testCase: Int, key: [UInt8], data: [UInt8], expected: String) {
        let code = HMACSHA256.authenticationCode(for: data, key: key)
        #expect(Hex.string(code) == expected, "test case \(testCase)")
        #expect(HMACSHA256.isValid(code, for: data, key: key))
    }

    @Test("RFC 4231 test case 5: output truncated to 128 bits")
    func truncation() {
        let code = HMACSHA256.authenticationCode(for: "Test With Truncation", key: [UInt8](repeating: 0x0c, count: 20))
        #expect(Hex.string(Array(code.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test("a code is refused for another message, another key, or a flipped bit")
    func refusals() {
        let key = Array("secret".utf8), message = Array("v0:1531420618:token=abc".utf8)
        var code = HMACSHA256.authenticationCode(for: message, key: key)
        #expect(!HMACSHA256.isValid(code, for: message + [0], key: key))
        // Not `key + [0]`: HMAC pads keys with zeros to the block size (RFC 2104 §2),
        // so a trailing zero byte gives the same code.
        #expect(!HMACSHA256.isValid(code, for: message, key: key + [1]))
        code[31] ^= 1
        #expect(!HMACSHA256.isValid(code, for: message, key: key))
        #expect(!HMACSHA256.isValid([], for: message, key: key))
    }

    @Test("empty key and empty message have a defined code")
    func empties() {
        #expect(Hex.string(HMACSHA256.authenticationCode(for: [], key: []))
                == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }
}

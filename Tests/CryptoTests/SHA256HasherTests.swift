import Testing
@testable import Crypto

@Suite("SHA-256 — FIPS 180-4, NIST example vectors, through libcrypto")
struct SHA256HasherTests {
    @Test("NIST short message vectors (FIPS 180-4 examples, SHA256ShortMsg)", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func nistVectors(message: String, digest: String) {
        #expect(Hex.string(SHA256Hasher.hash(message)) == digest)
    }

    @Test("one million 'a's")
    func millionAs() {
        #expect(Hex.string(SHA256Hasher.hash(repeatElement(UInt8(ascii: "a"), count: 1_000_000)))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("incremental updates equal one-shot hashing at every split point, across the padding edges")
    func incremental() {
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 128] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let expected = SHA256Hasher.hash(message)
            for split in 0...length {
                var hasher = SHA256Hasher()
                hasher.update(message[..<split])
                hasher.update(message[split...])
                #expect(hasher.finalize() == expected, "length \(length) split \(split)")
            }
        }
    }

    @Test("a copied hasher is independent of its original (value semantics)")
    func copiesAreIndependent() {
        var original = SHA256Hasher()
        original.update(Array("ab".utf8))
        var copy = original
        copy.update(Array("c".utf8))
        original.update(Array("x".utf8))
        #expect(Hex.string(copy.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(original.finalize() == SHA256Hasher.hash("abx"))
    }

    @Test("finalize leaves the hasher usable: more input extends the same message")
    func finalizeThenContinue() {
        var hasher = SHA256Hasher()
        hasher.update(Array("ab".utf8))
        #expect(hasher.finalize() == SHA256Hasher.hash("ab"))
        hasher.update(Array("c".utf8))
        #expect(hasher.finalize() == SHA256Hasher.hash("abc"))
    }

    @Test("a non-contiguous sequence hashes like its bytes")
    func nonContiguousSequence() {
        let lazy = (0..<200).lazy.map { UInt8(truncatingIfNeeded: $0) }
        #expect(SHA256Hasher.hash(lazy) == SHA256Hasher.hash(Array(lazy)))
    }
}

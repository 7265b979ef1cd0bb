import Testing
@testable import Crypto

@Suite("AES-256-GCM — NIST SP 800-38D, GCM specification test cases 13–16")
struct AES256GCMTests {
    // McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", Appendix B, the
    // specification NIST's GCM validation refers to: test cases 13–16 use 256-bit keys
    // and 96-bit IVs.
    static let key15 = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"
    static let plaintext15 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
        + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255"
    static let ciphertext15 = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
        + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad"

    static let vectors: [(name: String, key: String, nonce: String, plaintext: String, aad: String, ciphertext: String, tag: String)] = [
        ("13: empty plaintext", String(repeating: "0", count: 64), String(repeating: "0", count: 24), "", "", "",
         "530f8afbc74536b9a963b4f1c4cb738b"),
        ("14: one zero block", String(repeating: "0", count: 64), String(repeating: "0", count: 24),
         String(repeating: "0", count: 32), "", "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"),
        ("15: four blocks", key15, "cafebabefacedbaddecaf888", plaintext15, "", ciphertext15,
         "b094dac5d93471bdec1a502270e3cc6c"),
        ("16: partial block with associated data", key15, "cafebabefacedbaddecaf888", String(plaintext15.dropLast(8)),
         "feedfacedeadbeeffeedfacedeadbeefabaddad2", String(ciphertext15.dropLast(8)), "76fc6ece0f4e1768cddf8853bb2d551b"),
    ]

    @Test("seal gives the published ciphertext and tag", arguments: vectors)
    func seal(vector: (name: String, key: String, nonce: String, plaintext: String, aad: String, ciphertext: String, tag: String)) throws {
        let sealed = try AES256GCM.seal(Hex.bytes(vector.plaintext), key: Hex.bytes(vector.key),
                                        nonce: Hex.bytes(vector.nonce), associatedData: Hex.bytes(vector.aad))
        #expect(Hex.string(sealed.ciphertext) == vector.ciphertext, "\(vector.name)")
        #expect(Hex.string(sealed.tag) == vector.tag, "\(vector.name)")
    }

    @Test("open gives back the published plaintext", arguments: vectors)
    func open(vector: (name: String, key: String, nonce: String, plaintext: String, aad: String, ciphertext: String, tag: String)) throws {
        let sealed = AES256GCM.Sealed(ciphertext: Hex.bytes(vector.ciphertext), tag: Hex.bytes(vector.tag))
        let plaintext = try AES256GCM.open(sealed, key: Hex.bytes(vector.key), nonce: Hex.bytes(vector.nonce),
                                           associatedData: Hex.bytes(vector.aad))
        #expect(Hex.string(plaintext) == vector.plaintext, "\(vector.name)")
    }

    /// Each way of altering test case 16 that the tag must catch.
    enum Tampering: String, CaseIterable, Sendable {
        case ciphertextBit, lastCiphertextByte, tagBit, associatedDataBit, missingAssociatedData
        case truncatedCiphertext, otherNonce, otherKey
    }

    @Test("open refuses altered input and releases no plaintext", arguments: Tampering.allCases)
    func tamper(tampering: Tampering) {
        let vector = Self.vectors[3]
        var key = Hex.bytes(vector.key), nonce = Hex.bytes(vector.nonce), ciphertext = Hex.bytes(vector.ciphertext)
        var tag = Hex.bytes(vector.tag), aad = Hex.bytes(vector.aad)
        switch tampering {
        case .ciphertextBit: ciphertext[0] ^= 0x01
        case .lastCiphertextByte: ciphertext[ciphertext.count - 1] ^= 0x80
        case .tagBit: tag[15] ^= 0x01
        case .associatedDataBit: aad[0] ^= 0x01
        case .missingAssociatedData: aad = []
        case .truncatedCiphertext: ciphertext.removeLast()
        case .otherNonce: nonce[11] ^= 0x01
        case .otherKey: key[0] ^= 0x01
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try AES256GCM.open(AES256GCM.Sealed(ciphertext: ciphertext, tag: tag), key: key, nonce: nonce, associatedData: aad)
        }
    }

    @Test("wrong key, nonce and tag lengths are refused before any work")
    func lengths() {
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, actual: 16)) {
            try AES256GCM.seal([1], key: [UInt8](repeating: 0, count: 16), nonce: [UInt8](repeating: 0, count: 12))
        }
        #expect(throws: CryptoError.invalidNonceLength(expected: 12, actual: 16)) {
            try AES256GCM.seal([1], key: [UInt8](repeating: 0, count: 32), nonce: [UInt8](repeating: 0, count: 16))
        }
        #expect(throws: CryptoError.invalidTagLength(expected: 16, actual: 12)) {
            try AES256GCM.open(AES256GCM.Sealed(ciphertext: [1], tag: [UInt8](repeating: 0, count: 12)),
                               key: [UInt8](repeating: 0, count: 32), nonce: [UInt8](repeating: 0, count: 12))
        }
    }
}

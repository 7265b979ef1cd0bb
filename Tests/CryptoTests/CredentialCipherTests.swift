import Foundation
import Testing
@testable import Crypto

@Suite("Credential envelopes — AES-256-GCM, random nonce, version 1 format")
struct CredentialCipherTests {
    private let key = try! EncryptionKey(bytes: Array(0..<32))  // a fixed test key
    private var cipher: CredentialCipher { CredentialCipher(key: key) }

    @Test("seal then open gives back the secret, bound to its context")
    func roundTrip() throws {
        let secret = "xoxb-1234-5678-abcdefghijkl"
        let envelope: String = try cipher.seal(secret, context: "tenant:t1/connection:c1")
        #expect(!envelope.contains("xoxb"))
        #expect(try cipher.open(envelope, context: "tenant:t1/connection:c1") == secret)
        #expect(throws: CryptoError.authenticationFailed) { try cipher.open(envelope, context: "tenant:t2/connection:c1") }
    }

    @Test("the envelope is version, key id, 96-bit nonce, ciphertext, 128-bit tag")
    func layout() throws {
        let plaintext = Array("secret".utf8)
        let envelope = try cipher.seal(plaintext)
        #expect(envelope.count == 1 + 4 + 12 + plaintext.count + 16)
        #expect(envelope[0] == 1)
        #expect(Array(envelope[1..<5]) == key.identifier)
    }

    @Test("two seals of one secret use fresh nonces and differ")
    func freshNonces() throws {
        let first = try cipher.seal(Array("same".utf8)), second = try cipher.seal(Array("same".utf8))
        #expect(first[5..<17] != second[5..<17])
        #expect(first != second)
    }

    @Test("every single-bit change of an envelope is refused", arguments: [0, 1, 4, 5, 16, 17, 20, 21, 36])
    func tamper(byteIndex: Int) throws {
        var envelope = try cipher.seal(Array("abcd".utf8))  // 1 + 4 + 12 + 4 + 16 = 37 bytes
        envelope[byteIndex] ^= 0x01
        let error = #expect(throws: CryptoError.self) { try cipher.open(envelope) }
        switch byteIndex {
        case 0: #expect(error == .unsupportedEnvelopeVersion(0))
        case 1..<5: #expect(error == .keyMismatch)
        default: #expect(error == .authenticationFailed)
        }
    }

    @Test("another key is reported as such; truncated, empty and non-base64 envelopes are refused")
    func clearErrors() throws {
        let envelope = try cipher.seal(Array("abcd".utf8))
        let other = CredentialCipher(key: try EncryptionKey(bytes: [UInt8](repeating: 7, count: 32)))
        #expect(throws: CryptoError.keyMismatch) { try other.open(envelope) }
        #expect(throws: CryptoError.truncatedEnvelope(byteCount: 20)) { try cipher.open(Array(envelope.prefix(20))) }
        #expect(throws: CryptoError.truncatedEnvelope(byteCount: 0)) { try cipher.open([UInt8]()) }
        #expect(throws: CryptoError.malformedEnvelopeText) { try cipher.open("not base64!", context: "") }
    }

    @Test("an empty secret round-trips")
    func emptySecret() throws {
        #expect(try cipher.open(cipher.seal([UInt8]())) == [])
    }

    @Test("a key's description never shows its bytes")
    func redaction() {
        #expect(key.description == "EncryptionKey(redacted)")
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, actual: 31)) { try EncryptionKey(bytes: Array(0..<31)) }
    }
}

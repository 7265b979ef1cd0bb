import CCrypto

/// AES-256 in Galois/Counter Mode (NIST SP 800-38D) from the system's libcrypto
/// (`EVP_aes_256_gcm`), with a 96-bit nonce and a 128-bit tag.
///
/// These are the raw primitives, for known-answer tests; to encrypt something at rest
/// use ``CredentialCipher``, which chooses a random nonce and writes a versioned
/// envelope. Never seal two messages under one key with one nonce.
public enum AES256GCM {
    /// Key length in bytes (AES-256).
    public static let keyByteCount = 32
    /// Nonce length in bytes: 96 bits, the length SP 800-38D §8.2 recommends.
    public static let nonceByteCount = 12
    /// Tag length in bytes: 128 bits.
    public static let tagByteCount = 16

    /// The ciphertext (as long as `plaintext`) and the tag.
    public struct Sealed: Sendable, Equatable {
        /// The encrypted bytes.
        public var ciphertext: [UInt8]
        /// The authentication tag over the associated data and the ciphertext.
        public var tag: [UInt8]

        /// Creates a sealed value.
        public init(ciphertext: [UInt8], tag: [UInt8]) {
            self.ciphertext = ciphertext
            self.tag = tag
        }
    }

    /// Encrypts `plaintext` and authenticates it with `associatedData` (which is not
    /// encrypted).
    public static func seal(
        _ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> Sealed {
        try check(key: key, nonce: nonce)
        let context = try CipherContext()
        let cipher = context.pointer
        guard EVP_EncryptInit_ex(cipher, EVP_aes_256_gcm(), nil, nil, nil) == 1,
              EVP_CIPHER_CTX_ctrl(cipher, percolator_gcm_set_ivlen, Int32(nonceByteCount), nil) == 1,
              EVP_EncryptInit_ex(cipher, nil, nil, key, nonce) == 1
        else { throw .libraryFailure(operation: "EVP_EncryptInit_ex(aes-256-gcm)") }
        var length: Int32 = 0
        if !associatedData.isEmpty {
            guard EVP_EncryptUpdate(cipher, nil, &length, associatedData, Int32(associatedData.count)) == 1 else {
                throw .libraryFailure(operation: "EVP_EncryptUpdate(aad)")
            }
        }
        // GCM is a stream mode: the ciphertext is as long as the plaintext, and Final
        // writes nothing; one spare block keeps the buffer safe all the same.
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
        var written = 0
        if !plaintext.isEmpty {
            guard EVP_EncryptUpdate(cipher, &ciphertext, &length, plaintext, Int32(plaintext.count)) == 1 else {
                throw .libraryFailure(operation: "EVP_EncryptUpdate")
            }
            written = Int(length)
        }
        let finalWritten: Int32? = ciphertext.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var finalLength: Int32 = 0
            return EVP_EncryptFinal_ex(cipher, base + written, &finalLength) == 1 ? finalLength : nil
        }
        guard let finalWritten else { throw .libraryFailure(operation: "EVP_EncryptFinal_ex") }
        written += Int(finalWritten)
        var tag = [UInt8](repeating: 0, count: tagByteCount)
        guard EVP_CIPHER_CTX_ctrl(cipher, percolator_gcm_get_tag, Int32(tagByteCount), &tag) == 1 else {
            throw .libraryFailure(operation: "EVP_CIPHER_CTX_ctrl(get tag)")
        }
        return Sealed(ciphertext: Array(ciphertext.prefix(written)), tag: tag)
    }

    /// Decrypts `sealed` and checks its tag against `associatedData`; throws
    /// ``CryptoError/authenticationFailed`` (and returns no plaintext at all) when the
    /// key, nonce, associated data, ciphertext or tag differ from what was sealed.
    public static func open(
        _ sealed: Sealed, key: [UInt8], nonce: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        try check(key: key, nonce: nonce)
        guard sealed.tag.count == tagByteCount else {
            throw .invalidTagLength(expected: tagByteCount, actual: sealed.tag.count)
        }
        let context = try CipherContext()
        let cipher = context.pointer
        guard EVP_DecryptInit_ex(cipher, EVP_aes_256_gcm(), nil, nil, nil) == 1,
              EVP_CIPHER_CTX_ctrl(cipher, percolator_gcm_set_ivlen, Int32(nonceByteCount), nil) == 1,
              EVP_DecryptInit_ex(cipher, nil, nil, key, nonce) == 1
        else { throw .libraryFailure(operation: "EVP_DecryptInit_ex(aes-256-gcm)") }
        var length: Int32 = 0
        if !associatedData.isEmpty {
            guard EVP_DecryptUpdate(cipher, nil, &length, associatedData, Int32(associatedData.count)) == 1 else {
                throw .libraryFailure(operation: "EVP_DecryptUpdate(aad)")
            }
        }
        var plaintext = [UInt8](repeating: 0, count: sealed.ciphertext.count + 16)
        var written = 0
        if !sealed.ciphertext.isEmpty {
            guard EVP_DecryptUpdate(cipher, &plaintext, &length, sealed.ciphertext, Int32(sealed.ciphertext.count)) == 1 else {
                throw .libraryFailure(operation: "EVP_DecryptUpdate")
            }
            written = Int(length)
        }
        var tag = sealed.tag
        guard EVP_CIPHER_CTX_ctrl(cipher, percolator_gcm_set_tag, Int32(tagByteCount), &tag) == 1 else {
            throw .libraryFailure(operation: "EVP_CIPHER_CTX_ctrl(set tag)")
        }
        // SP 800-38D §7.2: the tag is checked here; on a mismatch nothing decrypted may
        // be released, so the buffer is wiped and dropped.
        let verified: Int32? = plaintext.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var finalLength: Int32 = 0
            return EVP_DecryptFinal_ex(cipher, base + written, &finalLength) > 0 ? finalLength : nil
        }
        guard let verified else {
            for index in plaintext.indices { plaintext[index] = 0 }
            throw .authenticationFailed
        }
        written += Int(verified)
        return Array(plaintext.prefix(written))
    }

    private static func check(key: [UInt8], nonce: [UInt8]) throws(CryptoError) {
        guard key.count == keyByteCount else { throw .invalidKeyLength(expected: keyByteCount, actual: key.count) }
        guard nonce.count == nonceByteCount else {
            throw .invalidNonceLength(expected: nonceByteCount, actual: nonce.count)
        }
    }
}

/// An `EVP_CIPHER_CTX`, freed (and wiped by libcrypto) on deinit.
final class CipherContext {
    let pointer: OpaquePointer

    init() throws(CryptoError) {
        guard let pointer = EVP_CIPHER_CTX_new() else { throw .libraryFailure(operation: "EVP_CIPHER_CTX_new") }
        self.pointer = pointer
    }

    deinit { EVP_CIPHER_CTX_free(pointer) }
}

import CCrypto

/// HMAC-SHA256 (RFC 2104, FIPS 198-1) from the system's libcrypto, one-shot: for
/// request signatures such as Slack's `X-Slack-Signature` (v0, HMAC-SHA256 over
/// `v0:timestamp:body`).
///
/// Compare a computed code with a received one through
/// ``ConstantTimeComparison/equals(_:_:)``, never with `==`.
public enum HMACSHA256 {
    /// The code length in bytes.
    public static let codeByteCount = 32

    /// The 32-byte authentication code of `message` under `key` (any length; keys
    /// longer than 64 bytes are hashed first, RFC 2104 §2).
    public static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        var code = [UInt8](repeating: 0, count: codeByteCount)
        var length: UInt32 = 0
        let succeeded = (try? withNonNullBytes(key) { (keyPointer, keyCount) throws(CryptoError) -> Bool in
            try withNonNullBytes(message) { (messagePointer, messageCount) throws(CryptoError) -> Bool in
                HMAC(EVP_sha256(), keyPointer, Int32(keyCount), messagePointer, messageCount, &code, &length) != nil
            }
        }) ?? false
        // HMAC fails only when libcrypto cannot allocate its context: as fatal as any
        // allocation failure in Swift itself.
        guard succeeded, length == codeByteCount else { fatalError("libcrypto: HMAC(sha256) failed") }
        return code
    }

    /// The code of the UTF-8 bytes of `message` under `key`.
    public static func authenticationCode(for message: String, key: [UInt8]) -> [UInt8] {
        authenticationCode(for: Array(message.utf8), key: key)
    }

    /// Whether `code` is the authentication code of `message` under `key`, compared in
    /// constant time.
    public static func isValid(_ code: [UInt8], for message: [UInt8], key: [UInt8]) -> Bool {
        ConstantTimeComparison.equals(authenticationCode(for: message, key: key), code)
    }
}

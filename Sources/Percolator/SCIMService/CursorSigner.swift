import Crypto

/// Authenticates the cursors of RFC 9865 paging: a tag over the cursor's bytes and its
/// context (tenant, endpoint, query), made with a server secret, so a client can neither
/// forge a cursor, alter one, nor replay one in another tenant (RFC 9865 §5.2: "Service
/// providers should be able to easily detect forged cursor values").
protocol CursorSigner: Sendable {
    /// The tag of `message`.
    func tag(_ message: [UInt8]) -> [UInt8]
}

extension CursorSigner {
    /// Whether `tag` is the tag of `message`, compared in constant time.
    func verify(_ tag: [UInt8], of message: [UInt8]) -> Bool {
        ConstantTimeComparison.equals(self.tag(message), tag)
    }
}

/// HMAC-SHA256 (RFC 2104) under a secret key, from the system's libcrypto.
struct HMACSHA256CursorSigner: CursorSigner {
    private let key: [UInt8]

    /// A signer with `key`.
    init(key: [UInt8]) {
        self.key = key
    }

    func tag(_ message: [UInt8]) -> [UInt8] {
        HMACSHA256.authenticationCode(for: message, key: key)
    }
}

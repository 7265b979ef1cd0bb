/// Request ids: a client's `X-Request-Id` when it is short and plain (so a request can
/// be traced across proxies), otherwise 16 random hex digits.
struct RequestIDGenerator {
    private var state: UInt64

    init() {
        var random = SystemRandomNumberGenerator()
        state = random.next() | 1
    }

    /// The id for a request that carried `incoming` (may be `nil`).
    mutating func id(accepting incoming: String?) -> String {
        if let incoming, Self.isAcceptable(incoming) { return incoming }
        // xorshift64*: fast, and ids need only be unique, not secret.
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        let value = state &* 2_685_821_657_736_338_717
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// 1 to 64 characters of letters, digits, `-`, `_`, `.` and `:`.
    static func isAcceptable(_ id: String) -> Bool {
        let bytes = id.utf8
        guard !bytes.isEmpty, bytes.count <= 64 else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E, 0x3A: true
            default: false
            }
        }
    }
}

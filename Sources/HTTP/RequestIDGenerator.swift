#if canImport(Glibc)
import Glibc
#endif

/// Request ids: a client's `X-Request-Id` when it is short and plain (so a request can
/// be traced across proxies), otherwise 24 hex digits — 12 of Unix milliseconds, then 12
/// random (48 bits).
///
/// Time first, on purpose: the provisioning log keys its rows by request id, and random
/// keys land each on a different page of that B-tree, one more page per SCIM write to
/// write to the WAL at commit; in time order a batch's new keys share the rightmost page
/// (as resource ids do, see `Store.RandomID`). The ids reveal the millisecond they were
/// made, which the response's `Date` header says anyway.
struct RequestIDGenerator {
    private var state: UInt64

    init() {
        var random = SystemRandomNumberGenerator()
        state = random.next() | 1
    }

    /// The id for a request that carried `incoming` (may be `nil`).
    mutating func id(accepting incoming: String?) -> String {
        if let incoming, Self.isAcceptable(incoming) { return incoming }
        return id(milliseconds: Self.unixMilliseconds())
    }

    /// A new id made at the Unix time `milliseconds`.
    mutating func id(milliseconds: UInt64) -> String {
        // xorshift64*: fast, and ids need only be unique, not secret.
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        let random = (state &* 2_685_821_657_736_338_717) >> 16
        let hex = Array("0123456789abcdef".utf8)
        var text = [UInt8](repeating: 0, count: 24)
        for index in 0..<12 {
            let shift = UInt64(4 * (11 - index))
            text[index] = hex[Int((milliseconds >> shift) & 0xF)]
            text[12 + index] = hex[Int((random >> shift) & 0xF)]
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func unixMilliseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(max(0, now.tv_sec)) * 1_000 + UInt64(max(0, now.tv_nsec)) / 1_000_000
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

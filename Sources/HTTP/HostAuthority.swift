/// The `Host` of a request as something safe to build a URL from (RFC 9110 §7.2,
/// RFC 3986 §3.2.2): a DNS name or IPv4 address (letters, digits, `-`, `.`) or a
/// bracketed IPv6 address, then an optional `:port`. Anything else — user info
/// (`a@evil.example`), paths, percent-encoding, spaces — is not a host to echo.
public enum HostAuthority {
    /// `value` when it is a plain `host[:port]`, else `nil`.
    public static func validated(_ value: String) -> String? {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, bytes.count <= 262 else { return nil }
        var index = 0
        if bytes[0] == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")), close > 1 else { return nil }
            guard bytes[1..<close].allSatisfy({ $0.hexValue != nil || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else {
                return nil
            }
            index = close + 1
        } else {
            while index < bytes.count, bytes[index] != UInt8(ascii: ":") {
                let byte = bytes[index]
                guard byte.isDigit || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") else { return nil }
                index += 1
            }
            guard index > 0, index <= 253 else { return nil }
        }
        if index == bytes.count { return value }
        guard bytes[index] == UInt8(ascii: ":") else { return nil }
        let port = bytes[(index + 1)...]
        guard !port.isEmpty, port.count <= 5, port.allSatisfy(\.isDigit),
              let number = Int(String(decoding: port, as: UTF8.self)), number <= 65535 else { return nil }
        return value
    }
}

/// Random identifiers for rows: 122 random bits rendered like a version 4 UUID
/// (RFC 9562 §5.4), lowercase, e.g. `"9b2f0c1e-4d7a-4c3b-a1e2-0f3d5c6b7a89"`.
///
/// Random rather than sequential, so identifiers reveal neither counts nor order and do
/// not collide across tenants or databases.
public enum RandomID {
    /// A new identifier from `SystemRandomNumberGenerator`.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40 // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80 // variant 10
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

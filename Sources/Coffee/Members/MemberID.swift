/// Our identifier of a member, also its SCIM `id`. Kept after purge, so history and
/// session statistics still refer to it.
public struct MemberID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The identifier as stored.
    public let rawValue: String

    /// Wraps a stored identifier.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// A new random identifier: 16 bytes from `generator`, as a lowercase UUID-shaped
    /// string (version 4 bits set), so tests with a seeded generator are reproducible.
    public static func random(using generator: inout some RandomNumberGenerator) -> MemberID {
        var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        let groups = [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]]
        return MemberID(groups.map { $0.joined() }.joined(separator: "-"))
    }

    /// Orders by raw value, so event payloads list members deterministically.
    public static func < (lhs: MemberID, rhs: MemberID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The raw value.
    public var description: String { rawValue }
}

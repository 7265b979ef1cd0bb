/// Our identifier of a group (a SCIM Group's `id`), used as a program audience.
public struct GroupID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The identifier as stored.
    public let rawValue: String

    /// Wraps a stored identifier.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Orders by raw value.
    public static func < (lhs: GroupID, rhs: GroupID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The raw value.
    public var description: String { rawValue }
}

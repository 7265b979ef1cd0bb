/// Our identifier of one connection of a tenant to an outside system.
public struct ConnectionID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The identifier as stored.
    public let rawValue: String

    /// Wraps a stored identifier.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Orders by raw value.
    public static func < (lhs: ConnectionID, rhs: ConnectionID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The raw value.
    public var description: String { rawValue }
}

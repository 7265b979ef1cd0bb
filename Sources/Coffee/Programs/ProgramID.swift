/// Our identifier of a program.
public struct ProgramID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The identifier as stored.
    public let rawValue: String

    /// Wraps a stored identifier.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Orders by raw value, so plans list programs deterministically.
    public static func < (lhs: ProgramID, rhs: ProgramID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The raw value.
    public var description: String { rawValue }
}

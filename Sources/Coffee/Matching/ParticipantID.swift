/// The identity of one participant of a matching run: the member's id, typed so it
/// cannot be confused with other string identifiers.
public struct ParticipantID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The member's id as stored (also its SCIM `id`).
    public var rawValue: String

    /// Wraps a member id.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Orders ids by their raw value, so sorted output is stable across runs.
    public static func < (lhs: ParticipantID, rhs: ParticipantID) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The raw id.
    public var description: String { rawValue }
}

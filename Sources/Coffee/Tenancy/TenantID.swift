/// The identifier of an organisation (tenant). Every member, category, group and event
/// carries one; nothing crosses tenants.
public struct TenantID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The identifier as stored.
    public let rawValue: String

    /// Wraps a stored identifier.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The raw value.
    public var description: String { rawValue }
}

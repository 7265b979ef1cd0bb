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

/// ``TenantID`` under a name modules with their own `TenantID` (the Store) can spell:
/// `Coffee.TenantID` would resolve to the ``Coffee`` namespace enum, not this module.
public typealias DomainTenantID = TenantID

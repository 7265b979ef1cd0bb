/// The identifier of an organisation (tenant). Every member, category, group and event
/// carries one; nothing crosses tenants.
public struct TenantID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The identifier as stored.
    public let rawValue: String

    /// Wraps a stored identifier.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a stored or user-supplied identifier (not validated); the spelling the
    /// storage side uses.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The raw value.
    public var description: String { rawValue }
}

/// ``TenantID`` under a name that never meets another module's: `Coffee.TenantID` would
/// resolve to the ``Coffee`` namespace enum, not this module. `Store.TenantID` is this type.
public typealias DomainTenantID = TenantID

import FoundationEssentials

/// The identifier of a tenant: a random UUID-like string (see `RandomID`).
public struct TenantID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The stored text, e.g. `"3f1c…-…"`.
    public let rawValue: String

    /// Wraps a stored or user-supplied identifier (not validated).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The raw value.
    public var description: String { rawValue }
}

/// An organisation served by this deployment. Every row in the Store belongs to one
/// tenant, and every SCIM token authenticates exactly one (architecture.md).
public struct Tenant: Sendable, Equatable, Identifiable {
    /// The tenant's identifier.
    public var id: TenantID
    /// A unique, human-chosen name (e.g. `"acme"`), used by the command line.
    public var name: String
    /// When the tenant was created.
    public var createdAt: Date

    /// A tenant value (does not create anything in the Store).
    public init(id: TenantID, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}

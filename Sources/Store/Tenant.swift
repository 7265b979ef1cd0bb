import Coffee
import FoundationEssentials

/// The identifier of a tenant: the domain's ``Coffee/TenantID`` (one type on both sides of
/// the persistence port, so no id is converted on its way to or from storage).
public typealias TenantID = DomainTenantID

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

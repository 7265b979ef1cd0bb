/// An organisation: its identity, display name and settings (domain.md, "Tenants").
///
/// Members, categories and groups live in their own values, each carrying the
/// ``TenantID``; a tenant value never holds them, so it stays small.
public struct Tenant: Sendable, Equatable, Identifiable {
    /// The tenant's identifier.
    public let id: TenantID
    /// The organisation's name, shown to admins and in emails.
    public var name: String
    /// Welcome email, portal, allowed domains, time zone, retention, category mapping.
    public var settings: TenantSettings

    /// Creates a tenant.
    public init(id: TenantID, name: String, settings: TenantSettings = TenantSettings()) {
        self.id = id
        self.name = name
        self.settings = settings
    }
}

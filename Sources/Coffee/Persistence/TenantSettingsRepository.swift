/// Each tenant's settings (``TenantSettings``).
public protocol TenantSettingsRepository {
    /// The tenant's settings (the defaults until some are saved).
    func settings(tenant: TenantID) throws -> TenantSettings
    /// Stores the tenant's settings.
    func save(_ settings: TenantSettings, tenant: TenantID) throws
}

/// The tenant's category catalog and the known values of its select categories.
public protocol CategoryRepository {
    /// The tenant's catalog (the identity provider's defaults until one is saved).
    func catalog(tenant: TenantID) throws -> CategoryCatalog
    /// Stores `catalog` as the tenant's, replacing the categories it had. Known values
    /// already stored keep their place; new ones are appended; the values of categories
    /// that are gone (or now `text`) are deleted.
    func save(_ catalog: CategoryCatalog, tenant: TenantID) throws
    /// Adds `values` to the known values of the tenant's select categories, ignoring the
    /// ones already known: its cost does not grow with the number of values the tenant
    /// has ever seen. Values of unknown or `text` categories are not kept.
    func absorb(_ values: CategoryValues, tenant: TenantID) throws
}

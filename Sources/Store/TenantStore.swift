/// Where tenants live. The endpoints and the command line talk to this protocol, so a
/// PostgreSQL implementation can replace `SQLiteStore` without touching them.
public protocol TenantStore: Sendable {
    /// Creates a tenant named `name`. Throws a `StoreError` matching
    /// `.constraintUnique` when the name is taken, `.constraintCheck` when it is empty.
    func createTenant(name: String) async throws -> Tenant

    /// The tenant named `name`, or `nil`.
    func tenant(named name: String) async throws -> Tenant?

    /// The tenant with identifier `id`, or `nil`.
    func tenant(id: TenantID) async throws -> Tenant?

    /// Every tenant, ordered by name.
    func tenants() async throws -> [Tenant]
}

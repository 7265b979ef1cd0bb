import Foundation

/// The provisioning log (``ProvisioningLogEntry``): appended by the SCIM service, read
/// by the admin API, purged after each tenant's retention.
public protocol ProvisioningLogRepository {
    /// Stores `entry`; an entry with the same tenant and id is replaced (a request whose
    /// write the store reported in several parts).
    func record(_ entry: ProvisioningLogEntry) throws
    /// The query's entries, newest first, at most `query.limit`.
    func entries(_ query: ProvisioningLogQuery) throws -> [ProvisioningLogEntry]
    /// Per client (bearer token), `tenant`'s requests since `date` (inclusive): how many,
    /// how many failed (status ≥ 400), the latest one and its `User-Agent`; counted by
    /// the store, in no particular order.
    func clientActivity(tenant: TenantID, since date: Date) throws -> [ProvisioningClientActivity]
    /// The tenants that have entries older than `date`.
    func tenants(withEntriesBefore date: Date) throws -> [TenantID]
    /// Deletes at most `limit` of `tenant`'s entries older than `date`; returns how many.
    func purge(tenant: TenantID, before date: Date, limit: Int) throws -> Int
}

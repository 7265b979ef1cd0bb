import Store
import Synchronization

/// A value kept per tenant, shared by every request of this process: what a cache of
/// something read from the database keeps. Never trusted alone by its users (each checks
/// it again in the transaction that depends on it). Bounded: past ``limit`` tenants it
/// starts over, so a process serving many tenants keeps at most ``limit`` values.
final class BoundedTenantMap<Value: Sendable>: Sendable {
    /// The most tenants kept.
    let limit: Int
    private let entries = Mutex<[TenantID: Value]>([:])

    init(limit: Int = 4_096) {
        self.limit = limit
    }

    /// The value kept for `tenant`, if any.
    subscript(tenant: TenantID) -> Value? {
        entries.withLock { $0[tenant] }
    }

    /// Keeps `value` for `tenant`, in place of the one kept before.
    func keep(_ value: Value, for tenant: TenantID) {
        entries.withLock { entries in
            if entries.count >= limit, entries[tenant] == nil { entries.removeAll(keepingCapacity: true) }
            entries[tenant] = value
        }
    }

    /// Drops the value kept for `tenant`.
    func forget(_ tenant: TenantID) {
        _ = entries.withLock { $0.removeValue(forKey: tenant) }
    }
}

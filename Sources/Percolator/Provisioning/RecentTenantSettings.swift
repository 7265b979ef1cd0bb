import Coffee
import Store
import Synchronization

/// Each tenant's settings as the latest SCIM write transaction read them, which
/// ``ProvisioningObserver/prepare(_:tenant:at:)`` maps a User with before its transaction.
/// Never trusted alone: the transaction compares them with the settings it reads, and
/// maps again when they differ. Bounded: past ``limit`` tenants it starts over.
final class RecentTenantSettings: Sendable {
    /// The most tenants kept. Default: 4,096.
    let limit: Int
    private let entries = Mutex<[Store.TenantID: TenantSettings]>([:])

    init(limit: Int = 4_096) {
        self.limit = limit
    }

    /// The tenant's settings as last read by a write, if any.
    func settings(of tenant: Store.TenantID) -> TenantSettings? {
        entries.withLock { $0[tenant] }
    }

    /// Keeps `settings`, just read in a write transaction of `tenant`.
    func remember(_ settings: TenantSettings, of tenant: Store.TenantID) {
        entries.withLock { entries in
            if entries.count >= limit, entries[tenant] == nil { entries.removeAll(keepingCapacity: true) }
            entries[tenant] = settings
        }
    }
}

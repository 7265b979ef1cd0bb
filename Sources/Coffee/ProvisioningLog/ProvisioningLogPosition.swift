import Foundation

/// A place in a tenant's provisioning log, newest first: an entry's time and id (the id
/// breaks ties between entries of the same microsecond).
public struct ProvisioningLogPosition: Sendable, Equatable {
    /// The entry's time.
    public var occurredAt: Date
    /// The entry's id.
    public var id: String

    /// The position of the entry `id` at `occurredAt`.
    public init(occurredAt: Date, id: String) {
        self.occurredAt = occurredAt
        self.id = id
    }
}

import Coffee
import FoundationEssentials

/// A change to a SCIM resource, as the write transaction sees it.
public enum ResourceWrite: Sendable {
    /// A resource was created (a Group with its members).
    case created(StoredResource)
    /// A resource's attributes changed (`before` and `after` without members).
    case updated(before: StoredResource, after: StoredResource)
    /// A Group's membership changed: the member ids inserted and deleted, and the
    /// change's number, unique among the group's changes and growing with them: the
    /// group's version after the change on SQLite; on PostgreSQL, where member changes of
    /// one group commit side by side (so two may see the same version), the number of
    /// its row in `scim_resource_changes`.
    case membersChanged(groupID: String, version: Int64, added: [String], removed: [String])
    /// A resource was deleted (as it was just before; a Group with its members).
    case deleted(StoredResource)
}

/// Code that must run inside the write transaction of every SCIM change, so what it
/// writes commits together with the resource or not at all (architecture.md: "one
/// transaction: resource JSON + domain rows + events"). Provisioning implements it.
///
/// It runs on the single writer: keep it to a few indexed statements. An error it throws
/// rolls the whole request back and reaches the client as the store's error would.
public protocol ResourceWriteObserver: Sendable {
    /// Called after `write` was applied, before the transaction commits; what it writes
    /// through `transaction` commits with the resource or not at all.
    func resourceWritten(_ write: ResourceWrite, tenant: TenantID, at date: Date, in transaction: any StorageTransaction) throws

    /// Called first in the write transaction of every SCIM create, replace, patch and
    /// delete, before the resource is read or written, whether or not anything changes:
    /// where the request checks that what it was validated against (its tenant's settings,
    /// read through `transaction`) still holds. An error it throws rolls the write back.
    func writeBegins(tenant: TenantID, in transaction: any StorageTransaction) throws

    /// Called on the asking task, before the write is queued for the single writer, with
    /// a write the store knows in full beforehand (a User's create: its id, timestamps and
    /// attributes; on SQLite, a User's PATCH computed on a reader's snapshot, handed over
    /// only if the writer applies it to that version): the work on it that needs no
    /// database (mapping, transitions, texts),
    /// done here so the writer does not do it. What it returns is handed to
    /// ``resourceWritten(_:tenant:at:prepared:in:)`` with the same write, which must
    /// check that it still holds in the transaction and otherwise do the work itself.
    /// `nil`: nothing prepared.
    func prepare(_ write: ResourceWrite, tenant: TenantID, at date: Date) -> (any Sendable)?

    /// ``resourceWritten(_:tenant:at:in:)`` with what ``prepare(_:tenant:at:)`` returned
    /// for `write` (`nil` when nothing was prepared).
    func resourceWritten(_ write: ResourceWrite, tenant: TenantID, at date: Date, prepared: (any Sendable)?,
                         in transaction: any StorageTransaction) throws
}

extension ResourceWriteObserver {
    /// Nothing to check.
    public func writeBegins(tenant: TenantID, in transaction: any StorageTransaction) throws {}

    /// Nothing prepared.
    public func prepare(_ write: ResourceWrite, tenant: TenantID, at date: Date) -> (any Sendable)? { nil }

    /// ``resourceWritten(_:tenant:at:in:)``, whatever was prepared.
    public func resourceWritten(_ write: ResourceWrite, tenant: TenantID, at date: Date, prepared: (any Sendable)?,
                                in transaction: any StorageTransaction) throws {
        try resourceWritten(write, tenant: tenant, at: date, in: transaction)
    }
}

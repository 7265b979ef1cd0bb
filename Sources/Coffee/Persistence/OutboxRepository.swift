import FoundationEssentials

/// The outbox: domain events appended in the transaction that caused them, and the
/// emails they carry, claimed with a lease by whoever delivers them.
public protocol OutboxRepository {
    /// Appends `events`; an event whose idempotency key the tenant's outbox already holds
    /// is skipped (a retried transition). Returns how many rows were inserted.
    @discardableResult
    func append(_ events: [DomainEvent]) throws -> Int
    /// Appends `events` as ``append(_:)`` does, for a caller that needs no count: a store
    /// may send the rows with the transaction's next statement, so that an error fails
    /// that statement instead (the transaction rolls back as a whole either way).
    func appendUncounted(_ events: [DomainEvent]) throws
    /// ``appendUncounted(_:)-([DomainEvent])`` of events encoded beforehand
    /// (``Persistence/encode(_:)-(DomainEvent)``), outside the transaction: a SCIM create's
    /// events, encoded on the request's task rather than on the single writer (issue 10).
    func appendUncounted(_ events: EncodedEvents) throws
    /// Appends `events` behind the closed gate `gate` (``closeGate(_:tenant:)``): they
    /// are neither delivered nor listed until it opens, and go with it if it is discarded.
    /// A large batch (a session's introductions) is appended in several short
    /// transactions and released in one.
    @discardableResult
    func append(_ events: [DomainEvent], behind gate: String, tenant: TenantID) throws -> Int
    /// ``append(_:behind:tenant:)-([DomainEvent],_,_)`` of events encoded beforehand
    /// (``Persistence/encode(_:)-(DomainEvent)``), outside the transaction.
    @discardableResult
    func append(_ events: EncodedEvents, behind gate: String, tenant: TenantID) throws -> Int
    /// Creates the closed gate `gate` of the tenant (nothing if it exists).
    func closeGate(_ gate: String, tenant: TenantID) throws
    /// Opens gate `gate`: the events behind it are due at once.
    func openGate(_ gate: String, tenant: TenantID, at date: Date) throws
    /// Deletes a closed gate and the events behind it (an attempt that did not commit).
    func discardGate(_ gate: String, tenant: TenantID) throws
    /// Email entries of any tenant due at `now` and claimed by no deliverer (or by one
    /// whose lease has expired), oldest first, at most `limit`: what ``claimDue`` would claim.
    func due(at now: Date, limit: Int) throws -> [OutboxEntry]
    /// Claims up to `limit` due email entries for `deliverer` until `leaseUntil`, oldest
    /// first. Two deliverers on one database never claim the same entry while its lease
    /// runs; one that stops without recording its attempt leaves the entry to whoever
    /// claims it after `leaseUntil`.
    func claimDue(by deliverer: String, at now: Date, leaseUntil: Date, limit: Int) throws -> [OutboxEntry]
    /// Extends `deliverer`'s lease on entry `seq` to `leaseUntil`, if it still holds it at
    /// `now` and the entry is still pending. `false`: the lease expired (another deliverer
    /// may have the entry) and the entry must not be sent.
    func renewLease(seq: Int64, by deliverer: String, at now: Date, until leaseUntil: Date) throws -> Bool
    /// Gives back `deliverer`'s leases on the pending entries `seqs`: due for anyone at once.
    func release(_ seqs: [Int64], by deliverer: String) throws
    /// When the next email entry of any tenant falls due (or its lease expires), if one is pending.
    func nextDue() throws -> Date?
    /// The tenant's email entries waiting to be sent and those that failed for good (the
    /// console's home page).
    func emailCounts(tenant: TenantID) throws -> (waiting: Int, failed: Int)
    /// The tenant's entries after `afterSeq`, in outbox order, optionally only those of `kind`.
    func page(tenant: TenantID, after afterSeq: Int64, limit: Int, kind: String?) throws -> [OutboxEntry]
    /// The tenant's entries about `subject` (a member, group or session), oldest first.
    func about(subject: String, tenant: TenantID, limit: Int) throws -> [OutboxEntry]
    /// Removes the personal data (address, first name, locale) from the payloads of the
    /// tenant's events about `subject`: a purged member keeps its history, not its data.
    func scrubPersonalData(subject: String, tenant: TenantID) throws
    /// Records a successful delivery, ends its lease, and erases the secret a delivered
    /// email carried (an invitation's token). `note` says which recipients were left out
    /// and why, when some were.
    func markDelivered(seq: Int64, at date: Date, note: String?) throws
    /// Records a failed attempt and ends its lease: retried at `retryAt`, or given up on
    /// when `retryAt` is nil.
    func markFailed(seq: Int64, error: String, retryAt: Date?, at date: Date) throws

    // Retry of a failed email (issue 13, item 9)
    /// Puts the tenant's email entry `seq`, given up on (failed for good), back to due at
    /// `now`: its final failure is cleared so a deliverer claims it again; its attempts and
    /// last error stay. Returns the entry as it now stands, or nil (and changes nothing)
    /// when the tenant has no such failed email entry (unknown, another tenant's, sent,
    /// still waiting, or a record that sends nothing).
    func retryFailedEmail(seq: Int64, tenant: TenantID, at now: Date) throws -> OutboxEntry?
}

extension OutboxRepository {
    /// The tenant's entries after `afterSeq`, in outbox order.
    public func page(tenant: TenantID, after afterSeq: Int64, limit: Int) throws -> [OutboxEntry] {
        try page(tenant: tenant, after: afterSeq, limit: limit, kind: nil)
    }

    /// Records a successful delivery to every recipient.
    public func markDelivered(seq: Int64, at date: Date) throws {
        try markDelivered(seq: seq, at: date, note: nil)
    }

    /// ``append(_:)``, its count dropped: what a store that sends every statement at once does.
    public func appendUncounted(_ events: [DomainEvent]) throws {
        try append(events)
    }
}

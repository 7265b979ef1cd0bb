/// The persistence port: the one way the application reaches storage (architecture.md,
/// "The persistence port"). A `read` or `write` hands a ``StorageTransaction`` to a
/// closure; the closure reaches the repositories through it and nothing else.
///
/// ```swift
/// let member = try await persistence.write { tx in
///     guard var member = try tx.members.member(id: id, tenant: tenant) else { throw … }
///     …
///     try tx.members.save(member)
///     try tx.outbox.append(events)
///     return member
/// }
/// ```
///
/// - A `write` is one transaction: everything the closure wrote commits together, and
///   returns only once it is durable; if the closure throws, nothing it wrote is kept.
///   Writes may share a commit with others (group commit), never a rollback.
/// - Closures run on the store's own threads: keep them to the reads and writes, and do
///   CPU-heavy work (matching, CSV planning, rendering) before or after.
/// - Errors the store raises are `StoreError`s of the implementation, never its driver's.
///
/// SQLite implements it today (`SQLitePersistence` in `Store`); a PostgreSQL
/// implementation is the same port over libpq.
public protocol Persistence: Sendable {
    /// Runs `body` on a read snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T

    /// Runs `body` in a write transaction; returns once what it wrote is durable.
    func write<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T

    /// ``write(_:)`` for code that runs on a thread of its own (the outbox deliverer),
    /// never on the Swift concurrency pool: blocks the calling thread until durable.
    /// `result` in the form this store keeps it, computed outside any transaction (it
    /// may take a while for a large session): ``SessionRepository/saveResult(_:of:)``
    /// then only copies it.
    func encode(_ result: MatchingResult) throws -> EncodedMatchingResult

    /// `events` in the form this store's outbox keeps them, computed outside any
    /// transaction: ``OutboxRepository/append(_:behind:tenant:)-(EncodedEvents,_,_)`` then
    /// only inserts them (issue 16: a match stages 50,000 introductions).
    func encode(_ events: [DomainEvent]) -> EncodedEvents

    func writeBlocking<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) throws -> T

    /// ``write(_:)`` for rows nobody sees until a later `write` makes them count (a large
    /// match's staged history and introductions, behind a closed gate): one transaction,
    /// visible to readers when it returns, but made durable by the next `write` rather
    /// than by its own commit (no flush of its own: issue 16, a match stages in hundreds of
    /// short transactions). A crash may lose the latest staged transactions, never one
    /// committed before them nor any `write` a caller saw return; a write sharing its
    /// commit (group commit) keeps its own durability.
    func stage<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T

    /// Whether a write waits now behind the one running (SQLite's one writer: requests
    /// queued for its next transaction). A ``stage(_:)`` that finds none may go on past its
    /// budget (issue 16: an idle server stages a large match in a few long transactions,
    /// a busy one still yields every few milliseconds). Cheap, callable from any thread,
    /// inside a transaction too. `true` when the store cannot tell: callers keep their budget.
    var writesWaiting: Bool { get }
}

extension Persistence {
    /// A store without a cheaper commit stages with a durable ``write(_:)``.
    public func stage<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T {
        try await write(body)
    }

    /// A store that cannot tell says a write may be waiting: stages keep their budget.
    public var writesWaiting: Bool { true }
}

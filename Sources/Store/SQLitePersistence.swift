import Coffee
import Dispatch
import Synchronization

/// The SQLite implementation of the persistence port (``Coffee/Persistence``): reads on
/// the database's reader connections, writes through the one group-commit writer
/// (``WriteBatcher``), which the SCIM resource store shares. There is no other write path.
public struct SQLitePersistence: Persistence {
    /// The database read from.
    public let database: SQLiteDatabase
    /// The one writer: every write of the process goes through it.
    public let batcher: WriteBatcher

    /// The port over `database`, writing through `batcher` (the resource store's, so SCIM
    /// writes and domain writes share commits).
    public init(database: SQLiteDatabase, batcher: WriteBatcher) {
        self.database = database
        self.batcher = batcher
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T {
        try await database.read { db in try body(SQLiteTransaction(db)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T {
        try await batcher.write { db in try body(SQLiteTransaction(db)) }
    }

    /// A write through the same batcher whose commit does not flush the log unless a
    /// durable request shares it (``WriteBatcher/write(durable:_:)``).
    public func stage<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T {
        try await batcher.write(durable: false) { db in try body(SQLiteTransaction(db)) }
    }

    /// Whether a request waits in the writer's queue for its next transaction.
    public var writesWaiting: Bool { batcher.pendingCount > 0 }

    public func encode(_ result: MatchingResult) throws -> EncodedMatchingResult {
        EncodedMatchingResult(result: result, storedText: try MatchingResultText.encode(result))
    }

    public func encode(_ events: [DomainEvent]) -> EncodedEvents {
        EncodedEvents.outbox(events)
    }

    public func writeBlocking<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<T, any Error>?>(nil)
        Task {
            let result: Result<T, any Error>
            do { result = .success(try await write(body)) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        guard let result = outcome.withLock({ $0 }) else {
            throw StoreError(code: .misuse, message: "a blocking write ended without a result")
        }
        return try result.get()
    }

    /// A read for a thread of its own (tests, the command line): blocks the calling
    /// thread; never call it from the concurrency pool.
    public func readBlocking<T: Sendable>(_ body: @Sendable (any StorageTransaction) throws -> T) throws -> T {
        try database.readSync { db in try body(SQLiteTransaction(db)) }
    }
}

extension SQLiteStore {
    /// A persistence port over this store's database with a writer of its own, for a
    /// process that runs no server (the command line): the server builds one port over
    /// the resource store's writer instead, so that it has one write path.
    public func persistence() -> SQLitePersistence {
        SQLitePersistence(database: database, batcher: WriteBatcher(database: database))
    }
}

import Coffee

/// A deployment's storage — a SQLite file (the embedded default) or a PostgreSQL
/// database shared by several instances — as the server is built on it: tenants and
/// tokens, the SCIM resource store, and the persistence port writing through the same
/// path as the resource store.
public protocol StorageBackend: Sendable {
    /// Tenants and tokens.
    var accounts: any AccountStore { get }
    /// The SCIM resource store whose writes run `observer` in their transaction, and the
    /// persistence port that writes through the same path (SQLite: one group-commit writer).
    func open(resources configuration: SQLiteResourceStore.Configuration,
              observer: (any ResourceWriteObserver)?) -> (resources: any ResourceStore, persistence: any Persistence)
    /// A persistence port with a writer of its own, for a process that runs no server
    /// (the command line).
    func persistence() -> any Persistence
    /// `events` as this storage's outbox keeps them, as its persistence port's
    /// ``Persistence/encode(_:)-(DomainEvent)`` does: for what encodes events before the
    /// port is open (the provisioning observer ``open(resources:observer:)`` takes, which
    /// encodes a SCIM create's events before its write is queued).
    func encode(_ events: [DomainEvent]) -> EncodedEvents
    /// Throws unless reads succeed (readiness).
    func checkReadable() async throws
    /// Throws unless writes can succeed (readiness).
    func checkWritable() async throws
    /// The executor request handlers should run on, if the storage has one (SQLite's
    /// reader queues, where a read needs no thread hop).
    var handlerExecutor: (any TaskExecutor)? { get }
    /// What to say about the storage in the startup line (a path, or a URL without its password).
    var description: String { get }
}

/// Opens the storage a `--database` value names.
public enum Storage {
    /// A `postgres://…` or `postgresql://…` URL opens PostgreSQL (migrated under an
    /// advisory lock); anything else is a SQLite file path (created and migrated).
    public static func open(_ location: String) async throws -> any StorageBackend {
        if PostgresStore.isPostgresURL(location) {
            return PostgresBackend(store: try await PostgresStore.open(url: location), location: location)
        }
        return SQLiteBackend(store: try await SQLiteStore.open(path: location))
    }
}

/// The SQLite file as a ``StorageBackend``.
public struct SQLiteBackend: StorageBackend {
    /// The store.
    public let store: SQLiteStore

    /// The backend over an open store.
    public init(store: SQLiteStore) {
        self.store = store
    }

    public var accounts: any AccountStore { store }

    public func open(resources configuration: SQLiteResourceStore.Configuration,
                     observer: (any ResourceWriteObserver)?) -> (resources: any ResourceStore, persistence: any Persistence) {
        let resources = SQLiteResourceStore(database: store.database, configuration: configuration, observer: observer)
        return (resources, SQLitePersistence(database: store.database, batcher: resources.batcher))
    }

    public func persistence() -> any Persistence { store.persistence() }
    public func encode(_ events: [DomainEvent]) -> EncodedEvents { EncodedEvents.outbox(events) }
    public func checkReadable() async throws { try await store.database.checkReadable() }
    public func checkWritable() async throws { try await store.database.checkWritable() }
    public var handlerExecutor: (any TaskExecutor)? { store.database.readerTaskExecutor }
    public var description: String { store.database.path }
}

/// A PostgreSQL database as a ``StorageBackend``.
public struct PostgresBackend: StorageBackend {
    /// The store.
    public let store: PostgresStore
    let location: String

    public var accounts: any AccountStore { store }

    public func open(resources configuration: SQLiteResourceStore.Configuration,
                     observer: (any ResourceWriteObserver)?) -> (resources: any ResourceStore, persistence: any Persistence) {
        (PostgresResourceStore(store: store, configuration: configuration, observer: observer), store.persistence)
    }

    public func persistence() -> any Persistence { store.persistence }
    public func encode(_ events: [DomainEvent]) -> EncodedEvents { EncodedEvents.outbox(events) }
    public func checkReadable() async throws { try await store.checkReadable() }
    public func checkWritable() async throws { try await store.checkWritable() }
    public var handlerExecutor: (any TaskExecutor)? { nil }
    public var description: String { Self.redacted(location) }

    /// `location` without the password of its user information.
    public static func redacted(_ location: String) -> String {
        guard let scheme = location.range(of: "://"), let at = location[scheme.upperBound...].firstIndex(of: "@") else {
            return location
        }
        let userInfo = location[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return location }
        return String(location[..<colon]) + ":***" + String(location[at...])
    }
}

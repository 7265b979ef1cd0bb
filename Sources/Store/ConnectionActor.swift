import Dispatch

/// One `Connection`, confined to an actor that runs on its own `DispatchQueue`.
///
/// Every use of the connection, including opening it, happens on that queue, never on
/// the cooperative pool. `SQLiteDatabase` owns one of these for the writer and one per
/// reader.
actor ConnectionActor {
    private let executor: DispatchQueueExecutor
    private let connection: Connection

    nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    /// Opens the connection on the actor's queue (blocking the caller until it is open).
    init(path: String, configuration: Connection.Configuration, label: String) throws {
        let executor = DispatchQueueExecutor(label: label)
        self.executor = executor
        self.connection = try executor.queue.sync {
            try Connection(path: path, configuration: configuration)
        }
    }

    /// Runs `body` inside a transaction of `kind`.
    func transaction<T: Sendable>(_ kind: Connection.TransactionKind,
                                  _ body: @Sendable (Connection) throws -> T) throws -> T {
        try connection.transaction(kind, body)
    }

    /// Runs `body` with the bare connection, outside any transaction (migrations).
    func withConnection<T: Sendable>(_ body: @Sendable (Connection) throws -> T) throws -> T {
        try body(connection)
    }

    /// Runs `body` with the bare connection, blocking the calling thread until the actor's
    /// queue is free. Called from that queue itself it would deadlock, so it throws
    /// `.misuse` instead.
    /// True when the calling code runs on this connection's queue (for example a task
    /// whose executor preference is ``SQLiteDatabase/readerTaskExecutor``).
    nonisolated var isOnItsQueue: Bool { executor.isCurrent }

    /// Runs `body` in a transaction right here, the caller being on this connection's
    /// queue (check ``isOnItsQueue`` first): no hop, no suspension.
    nonisolated func transactionHere<T: Sendable>(_ kind: Connection.TransactionKind,
                                                  _ body: @Sendable (Connection) throws -> T) throws -> T {
        try assumeIsolated { isolated in try isolated.connection.transaction(kind, body) }
    }

    /// Runs `body` with the bare connection on this connection's queue, later, without
    /// the caller waiting (the group-commit batcher's drain: the writer's own thread takes
    /// the next batch, with no hop to the concurrency pool and back between batches).
    nonisolated func enqueue(_ body: @escaping @Sendable (Connection) -> Void) {
        executor.queue.async {
            self.assumeIsolated { isolated in body(isolated.connection) }
        }
    }

    /// The executor whose queue runs this connection.
    nonisolated var queueExecutor: DispatchQueueExecutor { executor }

    nonisolated func withConnectionSync<T: Sendable>(
        _ body: @Sendable (Connection) throws -> T
    ) throws -> T {
        guard !executor.isCurrent else {
            throw StoreError(code: .misuse, message: "synchronous call from the connection's own queue")
        }
        return try executor.queue.sync {
            try self.assumeIsolated { isolated in try body(isolated.connection) }
        }
    }
}

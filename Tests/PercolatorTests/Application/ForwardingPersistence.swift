import Coffee

/// A test double of the persistence port that hands every call to ``base`` unless it
/// implements the call itself (``InterruptedPersistence``'s writes,
/// ``SignalledPersistence``'s stages). `stage` and `writesWaiting` keep the port's own
/// defaults (a stage is a `write`; a write may be waiting) unless the double says otherwise.
protocol ForwardingPersistence: Persistence {
    /// The port the calls go to.
    var base: any Persistence { get }
}

extension ForwardingPersistence {
    func read<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T {
        try await base.read(body)
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T {
        try await base.write(body)
    }

    func encode(_ events: [DomainEvent]) -> EncodedEvents {
        base.encode(events)
    }

    func encode(_ result: MatchingResult) throws -> EncodedMatchingResult {
        try base.encode(result)
    }

    func writeBlocking<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) throws -> T {
        try base.writeBlocking(body)
    }
}

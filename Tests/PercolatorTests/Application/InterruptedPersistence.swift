import Coffee
import Synchronization

/// The persistence port of a process that dies once: its `failing`-th write transaction
/// (counting from 1) throws and writes nothing, the others go through — a crash between
/// two of a run's apply chunks.
final class InterruptedPersistence: ForwardingPersistence {
    /// What the interrupted write throws.
    struct Interrupted: Error {}

    let base: any Persistence
    let failing: Int
    private let writes = Mutex(0)

    init(_ base: any Persistence, failingWrite failing: Int) {
        self.base = base
        self.failing = failing
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T {
        let count = writes.withLock { count in
            count += 1
            return count
        }
        if count == failing { throw Interrupted() }
        return try await base.write(body)
    }
}

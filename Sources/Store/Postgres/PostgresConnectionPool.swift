import Dispatch
import FoundationEssentials
import Synchronization

/// A fixed set of ``PostgresConnection``s, each confined to a serial `DispatchQueue` of
/// its own: every libpq call runs on one of those queues, never on the Swift concurrency
/// pool (as ``ConnectionActor`` keeps sqlite3 off it). A job waits for a free connection
/// without holding any thread; it then runs on that connection's queue.
final class PostgresConnectionPool: Sendable {
    /// A connection and the queue it lives on.
    final class Member: @unchecked Sendable {
        /// Only touched on `queue`.
        let connection: PostgresConnection
        let queue: DispatchQueue

        init(connection: PostgresConnection, label: String) {
            self.connection = connection
            self.queue = DispatchQueue(label: label)
            queue.setSpecific(key: PostgresConnectionPool.queueLabelKey, value: label)
        }
    }

    private static let queueLabelKey = DispatchSpecificKey<String>()

    /// The label of the connection queue the calling code runs on (`percolator.postgres.N`),
    /// or `nil` off them: lets tests check that libpq work stays off the concurrency pool.
    static var currentQueueLabel: String? {
        DispatchQueue.getSpecific(key: queueLabelKey)
    }

    /// Idle members, and jobs waiting for one.
    private struct State {
        var idle: [Member]
        var waiting: [@Sendable (Member) -> Void] = []
    }

    private let state: Mutex<State>
    /// How many connections the pool holds.
    let size: Int

    /// Opens `size` connections to `url` (on the calling thread: call it off the pool).
    init(url: String, size: Int) throws {
        precondition(size >= 1, "a pool needs a connection")
        var members: [Member] = []
        for index in 0..<size {
            members.append(Member(connection: try PostgresConnection(url: url), label: "percolator.postgres.\(index)"))
        }
        self.size = size
        state = Mutex(State(idle: members))
    }

    /// Runs `job` on a free connection's queue, as soon as one is free.
    private func lease(_ job: @escaping @Sendable (Member) -> Void) {
        let member: Member? = state.withLock { state in
            if let member = state.idle.popLast() { return member }
            state.waiting.append(job)
            return nil
        }
        if let member { member.queue.async { job(member) } }
    }

    /// Gives `member` back: to the oldest waiting job, or to the idle list.
    private func giveBack(_ member: Member) {
        let next: (@Sendable (Member) -> Void)? = state.withLock { state in
            if !state.waiting.isEmpty { return state.waiting.removeFirst() }
            state.idle.append(member)
            return nil
        }
        if let next { member.queue.async { next(member) } }
    }

    /// Runs `body` with a connection on that connection's queue; the caller suspends.
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            lease { member in
                let result = Self.run(body, on: member)
                self.giveBack(member)
                continuation.resume(with: result)
            }
        }
    }

    /// Runs `body` with a connection, blocking the calling thread (a thread of its own,
    /// never the concurrency pool) until it is done.
    func withConnectionBlocking<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<T, any Error>?>(nil)
        lease { member in
            let result = Self.run(body, on: member)
            self.giveBack(member)
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        guard let result = outcome.withLock({ $0 }) else {
            throw StoreError(code: .misuse, message: "a blocking PostgreSQL call ended without a result")
        }
        return try result.get()
    }

    /// `body` on `member`'s connection, reconnected first if it dropped.
    private static func run<T>(_ body: (PostgresConnection) throws -> T, on member: Member) -> Result<T, any Error> {
        guard member.connection.ensureOpen() else {
            return .failure(StoreError(code: .ioError, message: "PostgreSQL connection lost and not re-established"))
        }
        return Result { try body(member.connection) }
    }
}

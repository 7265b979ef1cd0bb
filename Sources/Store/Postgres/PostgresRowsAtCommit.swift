import Synchronization

/// The rows of a read sent with its transaction's `COMMIT`
/// (``PostgresConnection/queryAtCommit(_:_:map:)``): filled on the connection's thread
/// when the result arrives, read by the caller once the transaction has returned.
final class PostgresRowsAtCommit<T: Sendable>: Sendable {
    private let storage = Mutex<[T]?>(nil)

    /// Keeps the read's rows.
    func fill(_ rows: [T]) {
        storage.withLock { $0 = rows }
    }

    /// The read's rows; throws when its transaction never sent it (it failed first).
    func rows() throws -> [T] {
        guard let rows = storage.withLock({ $0 }) else {
            throw StoreError(code: .misuse, message: "a read queued for the commit was never sent")
        }
        return rows
    }
}

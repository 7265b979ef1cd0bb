import Dispatch
import Foundation
import Synchronization
@testable import Store

/// A fresh database file path in the temporary directory, removed (with its `-wal` and
/// `-shm` files) after `body` returns. WAL needs a file; `:memory:` is per connection.
func withTemporaryPath<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("percolator-store-\(UUID().uuidString).sqlite").path
    defer {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
    return try await body(path)
}

/// Runs `body` on a copy of the database at `path` and its log as a crash leaves them,
/// opened afresh (recovery reads the log), then removes the copy.
func withCrashCopy<T>(of path: String, _ body: (Connection) throws -> T) throws -> T {
    let copy = path + ".crash"
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
    return try body(try Connection(path: copy))
}

/// A migrated `SQLiteStore` on a temporary file, with an injectable clock.
func withTemporaryStore<T>(clock: TestClock = TestClock(),
                           _ body: (SQLiteStore) async throws -> T) async throws -> T {
    try await withTemporaryPath { path in
        let database = try SQLiteDatabase(path: path)
        try await database.migrate(StoreSchema.migrator)
        return try await body(SQLiteStore(database: database, now: { clock.now }))
    }
}

/// A settable clock for timestamps (whole milliseconds, as stored).
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Waits for `semaphore` on a Dispatch thread, so the cooperative pool never blocks.
func waitOffPool(_ semaphore: DispatchSemaphore) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().async {
            semaphore.wait()
            continuation.resume()
        }
    }
}

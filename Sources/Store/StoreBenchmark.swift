import FoundationEssentials

/// A small benchmark of the SQLite layer, for `percolator bench` and for comparing
/// machines; it makes no assertions.
///
/// It measures, on a temporary file in WAL mode with `synchronous=FULL` (so every commit
/// waits for an fsync of the WAL):
/// - single-row INSERT transactions per second through `SQLiteDatabase.write`, one after
///   another (the cost of a durable SCIM write, before any JSON work);
/// - point SELECTs per second through `SQLiteDatabase.read`, from several concurrent
///   tasks spread over the reader pool.
public enum StoreBenchmark {
    /// Runs with the default sizes (2,000 inserts, 50,000 selects from 8 tasks) and
    /// returns printable lines.
    public static func run() async throws -> String {
        try await run(inserts: 2_000, selects: 50_000, concurrency: 8)
    }

    /// Runs with the given sizes and returns printable lines, one per measurement.
    public static func run(inserts: Int, selects: Int, concurrency: Int) async throws -> String {
        precondition(inserts > 0 && selects > 0 && concurrency > 0, "sizes must be positive")
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("percolator-bench-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let database = try SQLiteDatabase(path: path)
        try await database.write { db in
            try db.execute("CREATE TABLE bench (id INTEGER PRIMARY KEY, name TEXT NOT NULL, body BLOB) STRICT")
        }
        let payload = [UInt8](repeating: 0x5A, count: 512)
        let clock = ContinuousClock()

        let insertTime = try await clock.measure {
            for index in 0..<inserts {
                try await database.write { db in
                    try db.execute("INSERT INTO bench (id, name, body) VALUES (?, ?, ?)",
                                   index, "user\(index)@example.com", payload)
                }
            }
        }

        let perTask = max(1, selects / concurrency)
        let selectTime = try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<concurrency {
                    group.addTask {
                        var generator = SystemRandomNumberGenerator()
                        for _ in 0..<perTask {
                            let id = Int.random(in: 0..<inserts, using: &generator)
                            let name = try await database.read { db in
                                try db.queryOne("SELECT name FROM bench WHERE id = ?", id) { $0.string(0) }
                            }
                            guard name != nil else {
                                throw StoreError(code: .internal, message: "benchmark row \(id) missing (task \(task))")
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }

        let totalSelects = perTask * concurrency
        return [
            "store: SQLite \(sqliteVersion), WAL, synchronous=FULL, temporary file",
            "insert: \(rate(inserts, insertTime)) single-row transactions/s (\(inserts) in \(seconds(insertTime)))",
            "select: \(rate(totalSelects, selectTime)) point reads/s through the reader pool, "
                + "\(concurrency) tasks (\(totalSelects) in \(seconds(selectTime)))",
        ].joined(separator: "\n")
    }

    private static var sqliteVersion: String {
        (try? Connection(path: ":memory:").queryOne("SELECT sqlite_version()") { $0.string(0) }) ?? "?"
    }

    private static func rate(_ count: Int, _ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds > 0 ? String(Int((Double(count) / seconds).rounded())) : "∞"
    }

    private static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return "\(Double(Int(milliseconds * 10)) / 10) ms"
    }
}

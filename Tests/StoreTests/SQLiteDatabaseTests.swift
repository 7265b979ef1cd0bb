import Dispatch
import Foundation
import Testing
@testable import Store

@Suite("SQLiteDatabase — one writer, a pool of readers, off the cooperative pool")
struct SQLiteDatabaseTests {
    private struct Boom: Error {}

    private func makeDatabase(_ path: String) async throws -> SQLiteDatabase {
        let database = try SQLiteDatabase(path: path)
        try await database.write { try $0.execute("CREATE TABLE t (a INTEGER) STRICT") }
        return database
    }

    @Test("a write commits and readers see it")
    func writeCommits() async throws {
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            try await database.write { try $0.execute("INSERT INTO t VALUES (?)", 1) }
            for _ in 0..<8 { // every reader of the pool
                #expect(try await database.read { try $0.queryOne("SELECT count(*) FROM t") { $0.int(0) } } == 1)
            }
        }
    }

    @Test("a new database file, its log and its shared memory are readable by their owner only; an existing file keeps its mode")
    func newFileIsPrivate() async throws {
        func mode(_ path: String) throws -> Int {
            try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            try await database.write { try $0.execute("INSERT INTO t VALUES (?)", 1) }
            for file in [path, path + "-wal", path + "-shm"] {
                #expect(try mode(file) == 0o600, "\(file)")
            }
        }
        try await withTemporaryPath { path in
            #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640]))
            let database = try await makeDatabase(path)
            try await database.write { try $0.execute("INSERT INTO t VALUES (?)", 1) }
            #expect(try mode(path) == 0o640)
            #expect(try mode(path + "-wal") == 0o640)
        }
    }

    @Test("mapKibibytes maps the file for the writer and every reader; by default nothing is mapped (RSS)")
    func readsThroughMap() async throws {
        try await withTemporaryPath { path in
            var configuration = SQLiteDatabase.Configuration()
            configuration.mapKibibytes = 256 * 1_024
            let database = try SQLiteDatabase(path: path, configuration: configuration)
            #expect(try await database.write { try $0.pragma("mmap_size") } == String(256 * 1_024 * 1_024))
            for _ in 0..<8 { // every reader of the pool
                #expect(try await database.read { try $0.pragma("mmap_size") } == String(256 * 1_024 * 1_024))
            }
            let unmapped = try SQLiteDatabase(path: path)
            #expect(try await unmapped.write { try $0.pragma("mmap_size") } == "0")
            #expect(try await unmapped.read { try $0.pragma("mmap_size") } == "0")
        }
    }

    @Test("a throw inside write rolls the transaction back")
    func throwRollsBack() async throws {
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            await #expect(throws: Boom.self) {
                try await database.write { db in
                    try db.execute("INSERT INTO t VALUES (1)")
                    throw Boom()
                }
            }
            #expect(try await database.read { try $0.queryOne("SELECT count(*) FROM t") { $0.int(0) } } == 0)
            // The writer is usable again afterwards.
            try await database.write { try $0.execute("INSERT INTO t VALUES (2)") }
            #expect(try await database.read { try $0.queryOne("SELECT a FROM t") { $0.int(0) } } == 2)
        }
    }

    @Test("write runs BEGIN IMMEDIATE: the writer holds the write lock for the whole body")
    func writeIsInsideTransaction() async throws {
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            let inTransaction = try await database.write { !$0.isAutocommit }
            #expect(inTransaction)
        }
    }

    @Test("writes and reads run on the connections' own queues, never on the cooperative pool")
    func confinedToQueues() async throws {
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            #expect(DispatchQueueExecutor.currentLabel == nil)
            #expect(try await database.write { _ in DispatchQueueExecutor.currentLabel } == "percolator.store.writer")
            let readerLabels = try await (0..<4).asyncMap { _ in
                try await database.read { _ in DispatchQueueExecutor.currentLabel }
            }
            #expect(Set(readerLabels) == Set((0..<4).map { "percolator.store.reader.\($0)" }))
        }
    }

    @Test("a reader sees committed data only, never a write in progress")
    func readerSeesCommittedOnly() async throws {
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            let inserted = DispatchSemaphore(value: 0)
            let mayCommit = DispatchSemaphore(value: 0)
            let writing = Task {
                try await database.write { db in
                    try db.execute("INSERT INTO t VALUES (1)")
                    inserted.signal()
                    mayCommit.wait() // blocks the writer's queue, not the pool
                }
            }
            await waitOffPool(inserted)
            #expect(try await database.read { try $0.queryOne("SELECT count(*) FROM t") { $0.int(0) } } == 0)
            mayCommit.signal()
            try await writing.value
            #expect(try await database.read { try $0.queryOne("SELECT count(*) FROM t") { $0.int(0) } } == 1)
        }
    }

    @Test("many concurrent writes serialise: no lost read-modify-write updates")
    func concurrentWritesSerialise() async throws {
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            try await database.write { try $0.execute("INSERT INTO t VALUES (0)") }
            let writers = 200
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<writers {
                    group.addTask {
                        try await database.write { db in
                            let current = try db.queryOne("SELECT a FROM t") { $0.int(0) } ?? 0
                            try db.execute("UPDATE t SET a = ?", current + 1)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await database.read { try $0.queryOne("SELECT a FROM t") { $0.int(0) } } == writers)
        }
    }

    @Test("reads run concurrently with each other and with writes")
    func concurrentReads() async throws {
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            try await database.write { try $0.execute("INSERT INTO t VALUES (1)") }
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<100 {
                    group.addTask {
                        if index % 10 == 0 {
                            try await database.write { try $0.execute("INSERT INTO t VALUES (2)") }
                        }
                        return try await database.read { try $0.queryOne("SELECT count(*) FROM t") { $0.int(0) } ?? 0 }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts.count == 100 && counts.allSatisfy { $0 >= 1 && $0 <= 11 })
        }
    }

    @Test("a write attempted inside read fails with readOnly")
    func readersAreQueryOnly() async throws {
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            let error = await #expect(throws: StoreError.self) {
                try await database.read { try $0.execute("INSERT INTO t VALUES (1)") }
            }
            #expect(error.map { ResultCode.readOnly ~= $0.code } == true)
        }
    }

    @Test("the synchronous variants work from a dedicated thread")
    func synchronousVariants() async throws {
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            let count: Int = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result {
                        try database.writeSync { try $0.execute("INSERT INTO t VALUES (5)") }
                        return try database.readSync { try $0.queryOne("SELECT count(*) FROM t") { $0.int(0) } ?? -1 }
                    })
                }
            }
            #expect(count == 1)
        }
    }

    @Test("writeSync inside write throws misuse instead of deadlocking")
    func nestedSyncWriteIsRefused() async throws {
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            let error = await #expect(throws: StoreError.self) {
                try await database.write { _ in try database.writeSync { _ in } }
            }
            #expect(error?.code == .misuse)
        }
    }

    @Test("the writer journals savepoints in memory: a savepoint over many changed pages opens no temporary file")
    func savepointJournalsInMemory() async throws {
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            let opened = try await database.write { db -> [String] in
                // ~200 KiB of pages changed in the transaction, then changed again inside a
                // savepoint (the batcher's per-request one): each is copied to its journal,
                // which spilled to a file in /var/tmp past 64 KiB before.
                try db.execute("CREATE TABLE pages (a INTEGER PRIMARY KEY, b TEXT) STRICT")
                for index in 0..<200 { try db.execute("INSERT INTO pages VALUES (?, ?)", index, String(repeating: "x", count: 1_000)) }
                try db.execute("SAVEPOINT request")
                try db.execute("UPDATE pages SET b = upper(b)")
                let files = Self.openTemporaryFiles()
                try db.execute("RELEASE request")
                return files
            }
            #expect(opened.isEmpty, "SQLite temporary files open during the savepoint: \(opened)")
            #expect(try await database.write { try $0.pragma("temp_store") } == "2")
            #expect(try await database.read { try $0.pragma("temp_store") } == "0", "readers keep the default")
        }
    }

    /// The SQLite temporary files (`etilqs_…`) this process has open.
    private static func openTemporaryFiles() -> [String] {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return descriptors.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)") }
            .filter { $0.contains("etilqs") }
    }

    @Test("an in-memory database serves reads from the writer")
    func inMemory() async throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try await database.migrate(StoreSchema.migrator)
        try await database.write { try $0.execute("INSERT INTO tenants VALUES ('1', 'a', 'now')") }
        #expect(try await database.read { try $0.queryOne("SELECT count(*) FROM tenants") { $0.int(0) } } == 1)
    }

    @Test("a task on the readers' executor goes on on its reader after a suspension: no other thread is woken for it")
    func readerTaskStaysOnItsQueue() async throws {
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            guard let executor = database.readerTaskExecutor else {
                Issue.record("a database on a file has readers")
                return
            }
            let labels = await Task(executorPreference: executor) { () async -> [String?] in
                var labels: [String?] = []
                for _ in 0..<8 {
                    labels.append(DispatchQueueExecutor.currentLabel)
                    await Task.yield()
                }
                return labels
            }.value
            #expect(Set(labels).count == 1)
            #expect(labels.first??.hasPrefix("percolator.store.reader.") == true)
        }
    }

    @Test("work from outside goes to an idle reader, not behind a reader busy with a long job")
    func idleReaderChosen() async throws {
        try await withTemporaryPath { path in
            let database = try await makeDatabase(path)
            guard let executor = database.readerTaskExecutor else {
                Issue.record("a database on a file has readers")
                return
            }
            // One reader busy until released (a long render), the task reporting where.
            let started = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let long = Task(executorPreference: executor) { () -> String? in
                started.signal()
                release.wait()
                return DispatchQueueExecutor.currentLabel
            }
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { started.wait(); continuation.resume() }
            }
            // Eight tasks started from here, one after the other: round-robin alone sent
            // two of them to the busy reader, where they waited for it (released after 60 s
            // at the latest, so that such a run fails rather than hangs). The bound is wide:
            // with 5 s, CI's run of the whole suite in parallel on two cores once took longer
            // over the eight hops, the busy reader was released, and the last task rightly
            // went to it, now idle.
            DispatchQueue.global().asyncAfter(deadline: .now() + 60) { release.signal() }
            var labels: [String?] = []
            for _ in 0..<8 {
                labels.append(await Task(executorPreference: executor) { DispatchQueueExecutor.currentLabel }.value)
            }
            release.signal()
            let busy = await long.value
            #expect(busy?.hasPrefix("percolator.store.reader.") == true)
            #expect(!labels.contains(busy), "a task went to the busy reader")
            #expect(labels.allSatisfy { $0?.hasPrefix("percolator.store.reader.") == true })
        }
    }
}

extension Sequence {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}

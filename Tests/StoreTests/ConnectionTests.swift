import CSQLite
import Foundation
import Testing
@testable import Store

@Suite("Connection — opening settings and transactions")
struct ConnectionTests {
    @Test("a file database really runs in WAL with synchronous=FULL and foreign keys on")
    func appliesPragmas() async throws {
        try await withTemporaryPath { path in
            let db = try Connection(path: path)
            #expect(try db.pragma("journal_mode") == "wal")
            #expect(try db.pragma("synchronous") == "2") // FULL
            #expect(try db.pragma("foreign_keys") == "1")
            #expect(try db.pragma("busy_timeout") == "5000")
        }
    }

    @Test("SQLite keeps no memory statistics once a connection opened (no global mutex per allocation)")
    func memoryStatisticsOff() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (a TEXT)")
        for index in 0..<100 { try db.execute("INSERT INTO t VALUES (?)", String(repeating: "x", count: index * 10)) }
        #expect(Connection.processConfiguration == SQLITE_OK)
        #expect(sqlite3_memory_used() == 0)
    }

    @Test("an in-memory database opens (journal_mode memory is accepted)")
    func opensInMemory() throws {
        let db = try Connection(path: ":memory:")
        #expect(try db.pragma("journal_mode") == "memory")
        #expect(try db.queryOne("SELECT 1 + 1") { $0.int(0) } == 2)
    }

    @Test("opening a path in a missing directory throws cantOpen")
    func openFailureThrows() {
        let error = #expect(throws: StoreError.self) {
            try Connection(path: "/nonexistent-dir-\(UUID().uuidString)/db.sqlite")
        }
        #expect(error?.code == .cantOpen)
    }

    @Test("double-quoted string literals are rejected (DQS off)")
    func rejectsDoubleQuotedStrings() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (a TEXT)")
        #expect(throws: StoreError.self) { try db.execute(#"SELECT * FROM t WHERE a = "no_such_column""#) }
    }

    @Test("a query-only connection refuses writes")
    func queryOnlyRefusesWrites() async throws {
        try await withTemporaryPath { path in
            try Connection(path: path).execute("CREATE TABLE t (a INTEGER)")
            var configuration = Connection.Configuration()
            configuration.isQueryOnly = true
            let reader = try Connection(path: path, configuration: configuration)
            let error = #expect(throws: StoreError.self) { try reader.execute("INSERT INTO t VALUES (1)") }
            #expect(error.map { ResultCode.readOnly ~= $0.code } == true)
        }
    }

    @Test("the statement cache reuses one statement per SQL text")
    func cachesStatements() throws {
        let db = try Connection(path: ":memory:")
        let first = try db.cachedStatement("SELECT ?")
        let second = try db.cachedStatement("SELECT ?")
        #expect(first === second)
        #expect(try db.queryOne("SELECT ?", 7) { $0.int(0) } == 7)
        #expect(try db.queryOne("SELECT ?", 8) { $0.int(0) } == 8)
    }

    @Test("a query nested in another with the same SQL gets its own statement")
    func nestedSameSQL() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2)")
        let pairs = try db.query("SELECT a FROM t WHERE a >= ? ORDER BY a", 1) { outer in
            try db.query("SELECT a FROM t WHERE a >= ? ORDER BY a", 1) { (outer.int(0), $0.int(0)) }
        }.flatMap { $0 }
        #expect(pairs.count == 4)
    }

    @Test("lastInsertRowID and changes report the last statement")
    func reportsRowIDAndChanges() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (a INTEGER)")
        try db.execute("INSERT INTO t VALUES (?), (?), (?)", 1, 2, 3)
        #expect(db.lastInsertRowID == 3)
        #expect(db.changes == 3)
        try db.execute("UPDATE t SET a = 0 WHERE a > ?", 1)
        #expect(db.changes == 2)
    }

    @Test("a transaction commits when its body returns")
    func transactionCommits() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (a INTEGER)")
        try db.transaction { try $0.execute("INSERT INTO t VALUES (1)") }
        #expect(try db.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 1)
        #expect(db.isAutocommit)
    }

    @Test("a transaction rolls back when its body throws, and rethrows")
    func transactionRollsBack() throws {
        struct Boom: Error {}
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (a INTEGER)")
        #expect(throws: Boom.self) {
            try db.transaction { db in
                try db.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 0)
        #expect(db.isAutocommit)
    }

    @Test("transactions do not nest")
    func transactionsDoNotNest() throws {
        let db = try Connection(path: ":memory:")
        let error = #expect(throws: StoreError.self) {
            try db.transaction { db in try db.transaction { _ in } }
        }
        #expect(error?.code == .misuse)
        #expect(db.isAutocommit)
    }

    @Test("a reader keeps its snapshot while another connection commits (WAL)")
    func readerSnapshotIsolation() async throws {
        try await withTemporaryPath { path in
            let writer = try Connection(path: path)
            try writer.execute("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1)")
            let reader = try Connection(path: path)
            try reader.transaction(.deferred) { reader in
                #expect(try reader.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 1)
                try writer.transaction { try $0.execute("INSERT INTO t VALUES (2)") }
                #expect(try reader.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 1)
            }
            #expect(try reader.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 2)
        }
    }
}

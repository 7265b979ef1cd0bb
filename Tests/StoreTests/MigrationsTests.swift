import Testing
@testable import Store

@Suite("Migrations — ordered, recorded, one transaction each")
struct MigrationsTests {
    private let first = Migration("0001_a", sql: "CREATE TABLE a (x INTEGER) STRICT")
    private let second = Migration("0002_b", sql: "CREATE TABLE b (y INTEGER) STRICT; INSERT INTO b VALUES (1)")

    @Test("migrations apply in order and are recorded")
    func appliesInOrder() throws {
        let db = try Connection(path: ":memory:")
        let applied = try Migrator([first, second]).migrate(db)
        #expect(applied == ["0001_a", "0002_b"])
        #expect(try Migrator([first, second]).appliedIdentifiers(in: db) == ["0001_a", "0002_b"])
        #expect(try db.queryOne("SELECT y FROM b") { $0.int(0) } == 1)
    }

    @Test("re-running is a no-op; a later build applies only the new migration")
    func idempotent() throws {
        let db = try Connection(path: ":memory:")
        #expect(try Migrator([first]).migrate(db) == ["0001_a"])
        #expect(try Migrator([first]).migrate(db) == [])
        #expect(try Migrator([first, second]).migrate(db) == ["0002_b"])
        #expect(try Migrator([first, second]).migrate(db) == [])
        #expect(try db.queryOne("SELECT count(*) FROM b") { $0.int(0) } == 1)
    }

    @Test("a failing migration rolls back entirely and is not recorded")
    func failureRollsBack() throws {
        let db = try Connection(path: ":memory:")
        let broken = Migration("0002_broken", sql: "CREATE TABLE c (z INTEGER); INSERT INTO nowhere VALUES (1)")
        #expect(throws: StoreError.self) { try Migrator([first, broken]).migrate(db) }
        #expect(try Migrator([first]).appliedIdentifiers(in: db) == ["0001_a"])
        let tableC = try db.queryOne("SELECT count(*) FROM sqlite_schema WHERE name = 'c'") { $0.int(0) }
        #expect(tableC == 0)
    }

    @Test("a database migrated differently (unknown or reordered history) is refused")
    func refusesForeignHistory() throws {
        let db = try Connection(path: ":memory:")
        try Migrator([first, second]).migrate(db)
        #expect(throws: StoreError.self) { try Migrator([second, first]).migrate(db) }
        let other = Migration("0001_other", sql: "SELECT 1")
        #expect(throws: StoreError.self) { try Migrator([other, second]).migrate(db) }
    }

    @Test("the Store schema migrates an empty database to STRICT tenants and tokens")
    func storeSchema() throws {
        let db = try Connection(path: ":memory:")
        #expect(try StoreSchema.migrator.migrate(db) == StoreSchema.migrations.map(\.identifier))
        let strict = try db.query("SELECT name FROM pragma_table_list WHERE strict = 1 ORDER BY name") {
            $0.string(0)
        }
        #expect(strict.contains("tenants") && strict.contains("tokens") && strict.contains("schema_migrations"))
    }
}

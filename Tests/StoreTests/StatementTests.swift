import Testing
@testable import Store

@Suite("Statement — bindings and constraint errors")
struct StatementTests {
    private func roundTrip<T>(_ value: some SQLBindable, _ read: (Row) -> T) throws -> T? {
        let db = try Connection(path: ":memory:")
        return try db.queryOne("SELECT ?", value, map: read)
    }

    @Test("integers round-trip, including the extremes", arguments: [Int64.min, -1, 0, 1, Int64.max])
    func integers(value: Int64) throws {
        #expect(try roundTrip(value) { $0.int64(0) } == value)
    }

    @Test("doubles round-trip")
    func doubles() throws {
        #expect(try roundTrip(3.141592653589793) { $0.double(0) } == 3.141592653589793)
        #expect(try roundTrip(-0.0) { $0.double(0) } == 0)
    }

    @Test("strings round-trip byte for byte, embedded NULs and non-ASCII included",
          arguments: ["plain", "", "a\u{0}b\u{0}", "\u{0}", "émoji 👩🏽‍💻 中文", String(repeating: "x", count: 100_000)])
    func strings(value: String) throws {
        #expect(try roundTrip(value) { $0.string(0) } == value)
        #expect(try roundTrip(value) { $0.isNull(0) } == false)
    }

    @Test("blobs round-trip, zero bytes and the empty blob included",
          arguments: [[UInt8](), [0], [0, 1, 0, 255], Array(repeating: 0xAB, count: 4096)])
    func blobs(value: [UInt8]) throws {
        #expect(try roundTrip(value) { $0.blob(0) } == value)
        #expect(try roundTrip(value) { $0.isNull(0) } == false)
    }

    @Test("nil binds NULL and booleans bind 0 or 1")
    func nullAndBool() throws {
        #expect(try roundTrip(String?.none) { $0.isNull(0) } == true)
        #expect(try roundTrip(String?.none) { $0.optionalString(0) } == .some(nil))
        #expect(try roundTrip(true) { $0.int64(0) } == 1)
        #expect(try roundTrip(false) { $0.bool(0) } == false)
        #expect(try roundTrip(Int?.some(4)) { $0.optionalInt64(0) } == 4)
    }

    @Test("a wrong number of bindings throws range, not a trap")
    func bindingCountMismatch() throws {
        let db = try Connection(path: ":memory:")
        let error = #expect(throws: StoreError.self) { try db.execute("SELECT ?, ?", 1) }
        #expect(error?.code == .range)
    }

    @Test("a bind index out of range throws")
    func bindIndexOutOfRange() throws {
        let db = try Connection(path: ":memory:")
        let statement = try db.prepare("SELECT ?")
        #expect(throws: StoreError.self) { try statement.bind(Int64(1), at: 2) }
    }

    @Test("a UNIQUE violation maps to constraintUnique, a foreign key one to constraintForeignKey")
    func constraintCodes() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("""
            CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT UNIQUE) STRICT;
            CREATE TABLE c (p INTEGER NOT NULL REFERENCES p(id)) STRICT;
            INSERT INTO p VALUES (1, 'a');
            """)
        let unique = #expect(throws: StoreError.self) { try db.execute("INSERT INTO p VALUES (2, ?)", "a") }
        #expect(unique?.code == .constraintUnique)
        let foreign = #expect(throws: StoreError.self) { try db.execute("INSERT INTO c VALUES (?)", 99) }
        #expect(foreign?.code == .constraintForeignKey)
        let strict = #expect(throws: StoreError.self) { try db.execute("INSERT INTO c VALUES (?)", "x") }
        #expect(strict.map { ResultCode.constraint ~= $0.code } == true)
    }

    @Test("a statement reset by execute can run again with new bindings")
    func reuse() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (a INTEGER)")
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        for value in 1...3 {
            insert.reset()
            try insert.bind([value])
            try insert.execute()
        }
        #expect(try db.query("SELECT a FROM t ORDER BY a") { $0.int(0) } == [1, 2, 3])
        #expect(!insert.isBusy)
    }
}

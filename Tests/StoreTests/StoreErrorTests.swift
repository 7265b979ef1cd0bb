import Testing
@testable import Store

@Suite("Store errors never carry bound values")
struct StoreErrorTests {
    @Test("a constraint violation reports code, message and SQL, but not the values")
    func reportsSQLNotValues() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (secret TEXT UNIQUE)")
        try db.execute("INSERT INTO t VALUES (?)", "hunter2-secret")
        let error = #expect(throws: StoreError.self) {
            try db.execute("INSERT INTO t VALUES (?)", "hunter2-secret")
        }
        #expect(error?.code == .constraintUnique)
        #expect(error?.sql == "INSERT INTO t VALUES (?)")
        #expect(error?.message.contains("UNIQUE") == true)
        #expect(error.map { !"\($0)".contains("hunter2") } == true)
    }

    @Test("a syntax error carries the SQL")
    func syntaxError() throws {
        let db = try Connection(path: ":memory:")
        let error = #expect(throws: StoreError.self) { try db.prepare("SELEC 1") }
        #expect(error?.code == .error)
        #expect(error?.sql == "SELEC 1")
    }
}

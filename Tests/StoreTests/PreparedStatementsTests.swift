import Testing
@testable import Store

/// When a PostgreSQL connection prepares a statement: at its second run, never one-off SQL,
/// never past its capacity; forgotten statements prepared again under a new name.
@Suite("PostgreSQL prepared statements — prepared at the second run, bounded")
struct PreparedStatementsTests {
    @Test("a statement runs unprepared once, is prepared at its second run, then reused")
    func secondRunPrepares() {
        var statements = PreparedStatements()
        #expect(statements.lookUp("SELECT 1") == .runUnprepared)
        guard case .prepare(let name) = statements.lookUp("SELECT 1") else {
            Issue.record("the second run should prepare")
            return
        }
        statements.add("SELECT 1", name: name)
        #expect(statements.lookUp("SELECT 1") == .prepared(name))
        #expect(statements.lookUp("SELECT 2") == .runUnprepared, "another statement starts over")
    }

    @Test("no more than the capacity is prepared; the rest runs unprepared")
    func bounded() {
        var statements = PreparedStatements()
        for number in 0..<PreparedStatements.capacity {
            let sql = "SELECT \(number)"
            _ = statements.lookUp(sql)
            guard case .prepare(let name) = statements.lookUp(sql) else { Issue.record("\(sql) not prepared"); return }
            statements.add(sql, name: name)
        }
        #expect(statements.count == PreparedStatements.capacity)
        #expect(statements.lookUp("SELECT 'new'") == .runUnprepared)
        #expect(statements.lookUp("SELECT 'new'") == .runUnprepared)
        #expect(statements.lookUp("SELECT 0") != .runUnprepared, "a prepared one stays")
    }

    @Test("a forgotten statement is prepared again under a new name")
    func forgotten() {
        var statements = PreparedStatements()
        _ = statements.lookUp("SELECT 1")
        guard case .prepare(let first) = statements.lookUp("SELECT 1") else { Issue.record("not prepared"); return }
        statements.add("SELECT 1", name: first)
        statements.forget("SELECT 1")
        #expect(statements.lookUp("SELECT 1") == .runUnprepared)
        guard case .prepare(let second) = statements.lookUp("SELECT 1") else { Issue.record("not prepared again"); return }
        #expect(second != first, "the old name may still exist on the server")
    }
}

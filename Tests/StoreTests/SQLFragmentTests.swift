import Testing
@testable import Store

@Suite("SQLFragment and SQLValue")
struct SQLFragmentTests {
    @Test("combinators keep bindings in the order of their placeholders")
    func combinators() {
        let a = SQLFragment("x = ?", [.text("a")]), b = SQLFragment("y = ?", [.integer(2)])
        let combined = SQLFragment.or(.and(a, b), .not(a))
        #expect(combined.sql == "((x = ? AND y = ?) OR (NOT x = ?))")
        #expect(combined.bindings == [.text("a"), .integer(2), .text("a")])
    }

    @Test("all and any join a chain at one level of parentheses, so a long filter chain stays flat")
    func chains() {
        let a = SQLFragment("x = ?", [.text("a")]), b = SQLFragment("y = ?", [.integer(2)])
        #expect(SQLFragment.all([a, b, a]).sql == "(x = ? AND y = ? AND x = ?)")
        #expect(SQLFragment.any([a, b, a]).bindings == [.text("a"), .integer(2), .text("a")])
        #expect(SQLFragment.any([a]) == a)
        #expect(SQLFragment.all([]) == .true && SQLFragment.any([]) == .false)
    }

    @Test("SQLValue binds each type")
    func binds() throws {
        let db = try Connection(path: ":memory:")
        let row = try db.queryOne("SELECT typeof(?), typeof(?), typeof(?), typeof(?)",
                                  bindings: [.text("t"), .integer(1), .real(1.5), .null]) {
            [$0.string(0), $0.string(1), $0.string(2), $0.string(3)]
        }
        #expect(row == ["text", "integer", "real", "null"])
    }
}

import Testing
@testable import Store

@Suite("FoldFunction — Swift's lowercased() in SQL")
struct FoldFunctionTests {
    @Test("folds Unicode as Swift does, once registered; registering twice is harmless")
    func folds() throws {
        let db = try Connection(path: ":memory:")
        try FoldFunction.ensureRegistered(on: db)
        try FoldFunction.ensureRegistered(on: db)
        let folded = try db.queryOne("SELECT percolator_fold('ÉCOLE Straße İ'), percolator_fold(3), percolator_fold('')") {
            [$0.optionalString(0), $0.optionalString(1), $0.optionalString(2)]
        }
        #expect(folded == ["ÉCOLE Straße İ".lowercased(), nil, ""])
    }
}

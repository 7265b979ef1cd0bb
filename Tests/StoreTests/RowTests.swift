import Testing
@testable import Store

@Suite("Row — typed column getters")
struct RowTests {
    @Test("getters read typed columns, names and NULLs")
    func readsColumns() throws {
        let db = try Connection(path: ":memory:")
        let values = try db.queryOne("SELECT 1 AS i, 2.5 AS d, 'x' AS s, x'00ff' AS b, NULL AS n") { row in
            (row.columnCount, row.columnName(0), row.int(0), row.double(1), row.string(2),
             row.blob(3), row.isNull(4), row.optionalString(4), row.optionalBlob(4), row.optionalDouble(1))
        }
        let v = try #require(values)
        #expect(v.0 == 5 && v.1 == "i" && v.2 == 1 && v.3 == 2.5 && v.4 == "x")
        #expect(v.5 == [0, 255] && v.6 && v.7 == nil && v.8 == nil && v.9 == 2.5)
    }

    @Test("NULL reads as zero, empty string and empty blob from non-optional getters")
    func nullDefaults() throws {
        let db = try Connection(path: ":memory:")
        let v = try #require(try db.queryOne("SELECT NULL") { ($0.int64(0), $0.string(0), $0.blob(0)) })
        #expect(v.0 == 0 && v.1 == "" && v.2 == [])
    }
}

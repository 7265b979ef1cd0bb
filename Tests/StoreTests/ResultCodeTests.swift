import Testing
@testable import Store

@Suite("Result codes — https://sqlite.org/rescode.html")
struct ResultCodeTests {
    @Test("a primary pattern matches every extended code of its family")
    func primaryPatternMatchesFamily() {
        #expect(ResultCode.constraint ~= .constraintUnique)
        #expect(ResultCode.constraint ~= .constraintForeignKey)
        #expect(ResultCode.busy ~= .busySnapshot)
        #expect(!(ResultCode.busy ~= .constraintUnique))
    }

    @Test("an extended pattern matches only itself")
    func extendedPatternMatchesExactly() {
        #expect(ResultCode.constraintUnique ~= .constraintUnique)
        #expect(!(ResultCode.constraintUnique ~= .constraint))
        #expect(!(ResultCode.constraintUnique ~= .constraintPrimaryKey))
    }

    @Test("extended codes have the values sqlite3.h defines")
    func extendedValues() {
        #expect(ResultCode.constraintUnique.rawValue == 2067)
        #expect(ResultCode.constraintForeignKey.rawValue == 787)
        #expect(ResultCode.constraintPrimaryKey.rawValue == 1555)
        #expect(ResultCode.busySnapshot.rawValue == 517)
        #expect(ResultCode.constraintUnique.primary == .constraint)
        #expect(!ResultCode.constraintUnique.isPrimary && ResultCode.busy.isPrimary)
    }

    @Test("a catch clause can match a StoreError by code")
    func catchesByCode() {
        func fail() throws { throw StoreError(code: .constraintUnique, message: "x") }
        var caught = false
        do { try fail() } catch ResultCode.constraintUnique { caught = true } catch {}
        #expect(caught)
        #expect(!(ResultCode.busy ~= StoreError(code: .constraintUnique, message: "x") as any Error))
    }

    @Test("description uses SQLite's text")
    func describes() {
        #expect(ResultCode.busy.description.contains("locked"))
    }
}

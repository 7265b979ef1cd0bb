import SCIM
import Testing
@testable import Store

@Suite("FilterColumn — comparisons as two-valued SQL")
struct FilterColumnTests {
    @Test("nullable columns are guarded, so NOT never meets NULL")
    func guarded() {
        let column = FilterColumn(sql: "r.external_id", kind: .exact, isNullable: true)
        #expect(column.compare(.eq, "X")?.sql == "(r.external_id IS NOT NULL AND r.external_id = ?)")
        #expect(column.compare(.ne, "X")?.sql == "(NOT (r.external_id IS NOT NULL AND r.external_id = ?))")
        #expect(column.present().sql == "(r.external_id IS NOT NULL AND r.external_id <> '')")
    }

    @Test("folded columns fold the operand; exact ones do not")
    func folding() {
        #expect(FilterColumn(sql: "c", kind: .folded, isNullable: false).compare(.eq, "AbC")?.bindings == [.text("abc")])
        #expect(FilterColumn(sql: "c", kind: .exact, isNullable: false).compare(.eq, "AbC")?.bindings == [.text("AbC")])
    }

    @Test("substring operators become escaped GLOB patterns")
    func globs() {
        let column = FilterColumn(sql: "c", kind: .folded, isNullable: false)
        #expect(column.compare(.co, "A*")?.bindings == [.text("*a[*]*")])
        #expect(column.compare(.sw, "a?")?.bindings == [.text("a[?]*")])
        #expect(column.compare(.ew, "[x")?.bindings == [.text("*[[]x")])
    }

    @Test("booleans accept Entra's strings; ordering is not defined on them")
    func booleans() {
        let column = FilterColumn(sql: "r.active", kind: .boolean, isNullable: true)
        #expect(column.compare(.eq, "True")?.bindings == [.integer(1)])
        #expect(column.compare(.gt, true) == nil)
    }

    @Test("instants between milliseconds: eq matches nothing, ge becomes gt")
    func instants() {
        let column = FilterColumn(sql: "r.created", kind: .instant, isNullable: false)
        #expect(column.compare(.eq, "2026-01-01T00:00:00.0005Z")?.sql == "0")
        #expect(column.compare(.ge, "2026-01-01T00:00:00.0005Z")?.sql == "(r.created > ?)")
        #expect(column.compare(.ge, "2026-01-01T00:00:00.001Z")?.sql == "(r.created >= ?)")
    }
}

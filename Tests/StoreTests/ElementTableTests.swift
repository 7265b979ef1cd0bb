import SCIM
import Testing
@testable import Store

@Suite("ElementTable — multi-valued attributes in their own tables")
struct ElementTableTests {
    @Test("emails for Users, members for Groups, groups for Users; nothing else")
    func tables() {
        let tenant = TenantID(rawValue: "t")
        #expect(ElementTable(attribute: "emails", kind: .user, tenant: tenant) != nil)
        #expect(ElementTable(attribute: "emails", kind: .group, tenant: tenant) == nil)
        #expect(ElementTable(attribute: "members", kind: .group, tenant: tenant)?.rowsArePresent == true)
        #expect(ElementTable(attribute: "groups", kind: .user, tenant: tenant)?.column("DISPLAY") == nil)
        #expect(ElementTable(attribute: "phoneNumbers", kind: .user, tenant: tenant) == nil)
    }

    @Test("ne over elements is 'no element equals', eq null is 'no element has a value'")
    func negations() throws {
        let table = try #require(ElementTable(attribute: "emails", kind: .user, tenant: TenantID(rawValue: "t")))
        let value = try #require(table.column("value"))
        #expect(table.compare(value, .ne, "x")?.sql.hasPrefix("(NOT (r.seq IN") == true)
        #expect(table.compare(value, .eq, .null)?.sql.hasPrefix("(NOT (r.seq IN") == true)
    }
}

import SCIM
import Testing
@testable import Store

@Suite("JSONAttributeSQL — attributes read from the stored JSON")
struct JSONAttributeSQLTests {
    @Test("columns and computed attributes are not read from the JSON")
    func excluded() throws {
        for name in ["id", "meta", "groups"] {
            let resolved = try #require(ResourceKind.user.resourceType.resolve(AttributePath(name: name)))
            #expect(JSONAttributeSQL(resolved, forComparison: false) == nil)
        }
    }

    @Test("keys and the extension URN are matched lower-cased, values stay bound")
    func bindings() throws {
        let path = try AttributePath.parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value")
        let resolved = try #require(ResourceKind.user.resourceType.resolve(path))
        let fragment = try #require(JSONAttributeSQL(resolved, forComparison: true)?.compare(.eq, "M'1"))
        #expect(fragment.bindings.contains(.text("urn:ietf:params:scim:schemas:extension:enterprise:2.0:user")))
        #expect(fragment.bindings.contains(.text("m'1")) && !fragment.sql.contains("m'1"))
    }

    @Test("an operand that does not suit the type is not translated")
    func unsuitedOperand() throws {
        let resolved = try #require(ResourceKind.user.resourceType.resolve(AttributePath(name: "title")))
        #expect(JSONAttributeSQL(resolved, forComparison: true)?.compare(.gt, 3) == nil)
    }
}

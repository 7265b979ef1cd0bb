import Testing
@testable import Store

@Suite("ResourceKind")
struct ResourceKindTests {
    @Test("raw values are the stored resource_type and the SCIM resource type names")
    func names() {
        #expect(ResourceKind.user.rawValue == "User" && ResourceKind.group.sqlLiteral == "'Group'")
        #expect(ResourceKind.user.resourceType.name == "User" && ResourceKind.group.resourceType.name == "Group")
    }
}

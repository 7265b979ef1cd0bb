import Testing
@testable import SCIM

@Suite("Percolator User extension — RFC 7643 §3.3 extension schema")
struct SchemaPercolatorUserTests {
    @Test("member data attributes", arguments: [
        ("city", AttributeType.string, false, false),
        ("seniority", .string, false, false),
        ("categories", .complex, true, false),
        ("categories.key", .string, false, false),
        ("categories.value", .string, false, false),
        ("portalOptOut", .boolean, false, false),
    ] as [(String, AttributeType, Bool, Bool)])
    func characteristics(path: String, type: AttributeType, multiValued: Bool, required: Bool) throws {
        let attribute = try #require(definition(path, in: .percolatorUser))
        #expect(attribute.type == type)
        #expect(attribute.isMultiValued == multiValued)
        #expect(attribute.isRequired == required)
    }

    @Test("categories are computed by the service: read-only, and ignored when a client sends them")
    func categoriesAreReadOnly() throws {
        let attribute = try #require(definition("categories", in: .percolatorUser))
        #expect(attribute.mutability == .readOnly)
        let body: JSONValue = ["schemas": [.string(SCIMSchemaURN.user)], "userName": "a",
                               .init(SCIMSchemaURN.percolatorUser): ["categories": [["key": "team", "value": "Platform"]], "city": "Lyon"]]
        let stored = try ResourceValidator(resourceType: .user).validate(body, for: .create)
        #expect(stored[attribute: SCIMSchemaURN.percolatorUser] == ["city": "Lyon"])
    }

    @Test("the User resource type accepts both extensions, neither required")
    func userResourceTypeExtensions() {
        #expect(ResourceType.user.extensions.map(\.schema.id) == [SCIMSchemaURN.enterpriseUser, SCIMSchemaURN.percolatorUser])
        #expect(ResourceType.user.extensions.allSatisfy { !$0.isRequired })
        #expect(ResourceType.user.schema(withID: SCIMSchemaURN.percolatorUser.uppercased()) == .percolatorUser)
        #expect(ResourceType.group.extensions.isEmpty)
    }
}

import Testing
@testable import SCIM

@Suite("Enterprise User extension — RFC 7643 §4.3")
struct SchemaEnterpriseUserTests {
    @Test("attributes are the RFC's", arguments: [
        ("employeeNumber", AttributeType.string, Mutability.readWrite),
        ("costCenter", .string, .readWrite),
        ("organization", .string, .readWrite),
        ("division", .string, .readWrite),
        ("department", .string, .readWrite),
        ("manager", .complex, .readWrite),
        ("manager.value", .string, .readWrite),
        ("manager.$ref", .reference, .readWrite),
        ("manager.displayName", .string, .readOnly),
    ] as [(String, AttributeType, Mutability)])
    func characteristics(path: String, type: AttributeType, mutability: Mutability) throws {
        let attribute = try #require(definition(path, in: .enterpriseUser))
        #expect(attribute.type == type)
        #expect(attribute.mutability == mutability)
        #expect(!attribute.isMultiValued)
    }

    @Test("the schema id is the enterprise URN")
    func schemaID() {
        #expect(Schema.enterpriseUser.id == "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        #expect(Schema.enterpriseUser.attributes.count == 6)
    }
}

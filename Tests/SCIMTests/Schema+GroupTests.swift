import Testing
@testable import SCIM

@Suite("Group schema — RFC 7643 §4.2")
struct SchemaGroupTests {
    @Test("displayName is required and members are multi-valued", arguments: [
        ("displayName", AttributeType.string, false, true, Mutability.readWrite),
        ("members", .complex, true, false, .readWrite),
        ("members.value", .string, false, false, .immutable),
        ("members.$ref", .reference, false, false, .immutable),
        ("members.display", .string, false, false, .immutable),
        ("members.type", .string, false, false, .immutable),
    ] as [(String, AttributeType, Bool, Bool, Mutability)])
    func characteristics(path: String, type: AttributeType, multiValued: Bool, required: Bool, mutability: Mutability) throws {
        let attribute = try #require(definition(path, in: .group))
        #expect(attribute.type == type)
        #expect(attribute.isMultiValued == multiValued)
        #expect(attribute.isRequired == required)
        #expect(attribute.mutability == mutability)
    }

    @Test("members reference Users and Groups")
    func memberReferenceTypes() throws {
        #expect(try #require(definition("members.$ref", in: .group)).referenceTypes == ["User", "Group"])
        #expect(try #require(definition("members.type", in: .group)).canonicalValues == ["User", "Group"])
    }
}

import Testing
import SCIM

@Suite("AttributeDefinition — a value, though its fields share one box")
struct AttributeDefinitionValueTests {
    @Test("setting a field of a copy leaves the original and the schema's definition as they were")
    func copiesAreIndependent() throws {
        let original = try #require(Schema.user.attribute(named: "emails"))
        var copy = original
        copy.name = "mails"
        copy.subAttributes.removeAll()
        copy.mutability = .readOnly
        #expect(original.name == "emails" && !original.subAttributes.isEmpty && original.mutability == .readWrite)
        #expect(Schema.user.attribute(named: "emails") == original)
        #expect(copy != original)
        #expect(copy.name == "mails" && copy.subAttributes.isEmpty && copy.mutability == .readOnly)
    }

    @Test("equal and hashed alike when every field is, whichever box holds them")
    func equality() {
        let a = AttributeDefinition(name: "badge", type: .complex, isRequired: true, canonicalValues: ["x"],
                                    subAttributes: [AttributeDefinition(name: "number", type: .integer)])
        let b = AttributeDefinition(name: "badge", type: .complex, isRequired: true, canonicalValues: ["x"],
                                    subAttributes: [AttributeDefinition(name: "number", type: .integer)])
        #expect(a == b && a.hashValue == b.hashValue && Set([a, b]).count == 1)
        for change in [{ (d: inout AttributeDefinition) in d.description = "d" }, { $0.isCaseExact = true },
                       { $0.returned = .never }, { $0.uniqueness = .server }, { $0.referenceTypes = ["User"] },
                       { $0.isMultiValued = true }, { $0.subAttributes[0].type = .string }] {
            var changed = b
            change(&changed)
            #expect(changed != a)
            #expect(b == a)
        }
    }
}

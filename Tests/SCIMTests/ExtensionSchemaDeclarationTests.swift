import Testing
@testable import SCIM

@Suite("Declared extension schemas — RFC 7643 §2.1, §2.3, §7 (issue 15)")
struct ExtensionSchemaDeclarationTests {
    static let urn = "urn:example:params:scim:schemas:extension:acme:2.0:User"

    static func declaration(id: JSONValue = .string(urn), _ attributes: JSONValue) -> JSONValue {
        ["id": id, "attributes": attributes]
    }

    /// Declarations refused → a phrase of the `invalidValue` detail.
    static let refused: [(JSONValue, String)] = [
        (.string("x"), "must be a JSON object"),
        (["attributes": [["name": "a"]]], "needs its URN"),
        (declaration(id: "acme", [["name": "a"]]), "not a URN"),
        (declaration(id: "urn:", [["name": "a"]]), "not a URN"),
        (declaration(id: "urn:acme", [["name": "a"]]), "not a URN"),
        (declaration(id: "urn:-x:y", [["name": "a"]]), "not a URN"),
        (declaration(id: "urn:example:a b", [["name": "a"]]), "not a URN"),
        (declaration(id: "urn:example:a\"b", [["name": "a"]]), "not a URN"),
        (declaration(id: "urn:example:acme:", [["name": "a"]]), "not a URN"),
        (declaration(id: "urn:example:a/b", [["name": "a"]]), "not a URN"),
        (declaration(id: "urn:example:a%41", [["name": "a"]]), "not a URN"),
        (declaration(id: "urn:ietf:params:scim:schemas:core:2.0:User", [["name": "a"]]), "reserved"),
        (declaration(id: "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:Widget", [["name": "a"]]), "reserved"),
        (declaration(id: "urn:ietf:params:scim:api:messages:2.0:Thing", [["name": "a"]]), "reserved"),
        (declaration(id: .string(SCIMSchemaURN.enterpriseUser), [["name": "a"]]), "own schema"),
        (declaration(id: .string(SCIMSchemaURN.percolatorUser.uppercased()), [["name": "a"]]), "own schema"),
        (declaration(id: .string(SCIMSchemaURN.enterpriseUser + ":more"), [["name": "a"]]), "own schema"),
        (declaration([]), "non-empty 'attributes'"),
        (["id": .string(urn)], "non-empty 'attributes'"),
        (declaration(["a"]), "must be an object with a 'name'"),
        (declaration([["name": "2fast"]]), "not an attribute name"),
        (declaration([["name": "cost center"]]), "not an attribute name"),
        (declaration([["name": "$ref"]]), "not an attribute name"),
        (declaration([["name": "é"]]), "not an attribute name"),
        (declaration([["name": "a"], ["name": "A"]]), "declared twice"),
        (declaration([["name": "a", "type": "float"]]), "'type' of the attribute 'a' must be one of"),
        (declaration([["name": "a", "mutability": "sometimes"]]), "'mutability'"),
        (declaration([["name": "a", "returned": "maybe"]]), "'returned'"),
        (declaration([["name": "a", "uniqueness": "tenant"]]), "'uniqueness'"),
        (declaration([["name": "a", "multiValued": "yes"]]), "true or false"),
        (declaration([["name": "a", "caseExact": 1]]), "true or false"),
        (declaration([["name": "a", "canonicalValues": [1]]]), "list of strings"),
        (declaration([["name": "a", "mutabilty": "readOnly"]]), "'mutabilty' is not a characteristic"),
        (declaration([["name": "a", "type": "complex"]]), "needs a non-empty 'subAttributes'"),
        (declaration([["name": "a", "type": "complex", "subAttributes": [["name": "b", "type": "complex", "subAttributes": [["name": "c"]]]]]]),
         "one level deep"),
        (declaration([["name": "a", "subAttributes": [["name": "b"]]]]), "cannot have sub-attributes"),
        (declaration([["name": "a", "subAttributes": [:]]]), "must be a list of attributes"),
        (declaration([["name": "a", "type": "complex", "subAttributes": [["name": "b"], ["name": "B"]]]]), "'a.B' is declared twice"),
        (["id": .string(urn), "attributes": [["name": "a"]], "extra": 1], "'extra' is not a characteristic of the schema"),
        (["id": .string(urn), "attributes": [["name": "a"]], "urn": [:]], "'urn' must be text"),
    ]

    @Test("a bad declaration is refused with invalidValue naming what is wrong", arguments: refused.indices)
    func refuses(_ index: Int) {
        let (body, phrase) = Self.refused[index]
        do {
            let schema = try ExtensionSchemaDeclaration.parse(body)
            Issue.record("accepted \(body): \(schema)")
        } catch {
            #expect(error.scimType == .invalidValue)
            #expect(error.detail.contains(phrase), "\(phrase) ∉ \(error.detail)")
        }
    }

    @Test("every characteristic is read; omitted ones take the RFC 7643 §2.2 defaults; URN and names keep their spelling")
    func reads() throws {
        let schema = try ExtensionSchemaDeclaration.parse([
            "schemas": [.string(SCIMSchemaURN.schema)], "id": "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User",
            "name": "Custom", "description": "Okta's",
            "attributes": [
                ["name": "costCenterCode"],
                ["name": "level", "type": "INTEGER", "multiValued": true, "required": true, "caseExact": true,
                 "mutability": "immutable", "returned": "request", "uniqueness": "server", "canonicalValues": ["1", "2"],
                 "description": "Grade"],
                ["name": "manager", "type": "complex", "subAttributes": [["name": "ref", "type": "reference", "referenceTypes": ["User"]]]],
            ],
            "meta": ["resourceType": "Schema"],
        ])
        #expect(schema.id == "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User")
        #expect(schema.name == "Custom")
        #expect(schema.attributes[0] == AttributeDefinition(name: "costCenterCode"))
        #expect(schema.attributes[1] == AttributeDefinition(name: "level", type: .integer, isMultiValued: true, description: "Grade",
                                                            isRequired: true, isCaseExact: true, mutability: .immutable,
                                                            returned: .request, uniqueness: .server, canonicalValues: ["1", "2"]))
        #expect(schema.attributes[2].subAttributes == [AttributeDefinition(name: "ref", type: .reference, referenceTypes: ["User"])])
    }

    @Test("a declaration reads back from its own representation unchanged (what is stored, what GET /Schemas/{id} serves)")
    func roundTrip() throws {
        let schema = try ExtensionSchemaDeclaration.parse(Self.declaration([
            ["name": "a", "type": "decimal", "returned": "always"],
            ["name": "b", "type": "complex", "multiValued": true, "subAttributes": [["name": "value"], ["name": "primary", "type": "boolean"]]],
        ]))
        let again = try ExtensionSchemaDeclaration.parse(schema.representation(baseURL: "https://x/scim/v2"))
        #expect(again == schema)
        #expect(try ExtensionSchemaDeclaration.parse(ExtensionSchemaDeclaration.declaration(of: schema)) == schema)
        #expect(schema.name == "User", "the name defaults to the URN's last segment")
    }

    @Test("the User type declaring it validates, types and projects its attributes like built-in ones")
    func validates() throws {
        let schema = try ExtensionSchemaDeclaration.parse(Self.declaration([
            ["name": "level", "type": "integer"], ["name": "badge", "mutability": "immutable"],
            ["name": "pin", "mutability": "writeOnly", "returned": "never"],
        ]))
        let type = ResourceType.user.declaring([schema])
        #expect(type.extensions.last == ResourceType.Extension(schema: schema, isRequired: false))
        let validator = ResourceValidator(resourceType: type)
        func user(_ custom: JSONValue) -> JSONValue {
            ["schemas": [.string(SCIMSchemaURN.user)], "userName": "a", Self.urn: custom]
        }
        #expect(throws: SCIMError.self) { try validator.validate(user(["level": "high"]), for: .create) }
        let created = try validator.validate(user(["LEVEL": 3, "badge": "x", "pin": "1"]), for: .create)
        #expect(created[attribute: Self.urn] == ["level": 3, "badge": "x", "pin": "1"], "stored in the schema's spelling")
        #expect(created[attribute: "schemas"] == [.string(SCIMSchemaURN.user), .string(Self.urn)])
        do {
            _ = try validator.validate(user(["badge": "y"]), for: .replace, existing: created)
            Issue.record("an immutable value changed")
        } catch {
            #expect(error.scimType == .mutability)
        }
        let projected = AttributeProjection.returnedByDefault(for: type).apply(to: created)
        #expect(projected[attribute: Self.urn] == ["level": 3, "badge": "x"])
        #expect(!AttributeProjection.returnedByDefault(for: type).isIdentityExceptPassword)
        #expect(try FilterEvaluator(parsing: "\(Self.urn):level gt 2", resourceType: type).matches(created))
    }
}

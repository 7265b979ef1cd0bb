import Testing
@testable import SCIM

@Suite("Attribute paths — RFC 7644 §3.10")
struct AttributePathTests {
    static let valid: [(String, String?, String, String?)] = [
        ("userName", nil, "userName", nil),
        ("name.familyName", nil, "name", "familyName"),
        ("members.$ref", nil, "members", "$ref"),
        ("$ref", nil, "$ref", nil),
        ("x509Certificates", nil, "x509Certificates", nil),
        ("a-b_c9", nil, "a-b_c9", nil),
        ("urn:ietf:params:scim:schemas:core:2.0:User:userName", SCIMSchemaURN.user, "userName", nil),
        ("urn:ietf:params:scim:schemas:core:2.0:User:name.familyName", SCIMSchemaURN.user, "name", "familyName"),
        ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", SCIMSchemaURN.enterpriseUser, "manager", "value"),
        ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", SCIMSchemaURN.enterpriseUser, "employeeNumber", nil),
        ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User", nil),
    ]

    @Test("parses URN, name and sub-attribute", arguments: valid)
    func parses(text: String, urn: String?, name: String, sub: String?) throws {
        let path = try AttributePath.parse(text)
        #expect(path.schemaURN == urn)
        #expect(path.name == name)
        #expect(path.subAttribute == sub)
        #expect(path.description == text)
    }

    @Test("rejects text that is not an attribute path", arguments: [
        "", ".", "a.", ".a", "a..b", "a.b.c", "1abc", "-a", "a b", "a[b]", ":a", "urn:x:", "urn:x:1a", "a$", "$", "$1",
        "é", "urn:x y:a", "a.b$", "a/b",
    ])
    func rejects(text: String) {
        let error = #expect(throws: SCIMError.self) { try AttributePath.parse(text) }
        #expect(error?.scimType == .invalidPath)
    }

    /// Path → (schema id, attribute, sub-attribute) on the User resource type.
    static let resolutions: [(String, String, String, String?)] = [
        ("userName", SCIMSchemaURN.user, "userName", nil),
        ("USERNAME", SCIMSchemaURN.user, "userName", nil),
        ("name.givenName", SCIMSchemaURN.user, "name", "givenName"),
        ("Name.GivenName", SCIMSchemaURN.user, "name", "givenName"),
        ("emails.value", SCIMSchemaURN.user, "emails", "value"),
        ("id", SCIMSchemaURN.user, "id", nil),
        ("meta.lastModified", SCIMSchemaURN.user, "meta", "lastModified"),
        ("schemas", SCIMSchemaURN.user, "schemas", nil),
        ("urn:ietf:params:scim:schemas:core:2.0:User:userName", SCIMSchemaURN.user, "userName", nil),
        ("urn:ietf:params:scim:schemas:core:2.0:user:username", SCIMSchemaURN.user, "userName", nil),
        ("urn:ietf:params:scim:schemas:core:2.0:User:externalId", SCIMSchemaURN.user, "externalId", nil),
        ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", SCIMSchemaURN.enterpriseUser, "manager", "value"),
        ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", SCIMSchemaURN.enterpriseUser, "department", nil),
        ("department", SCIMSchemaURN.enterpriseUser, "department", nil),
        ("manager.displayName", SCIMSchemaURN.enterpriseUser, "manager", "displayName"),
    ]

    @Test("resolves against the User resource type, ignoring case", arguments: resolutions)
    func resolves(text: String, schema: String, attribute: String, sub: String?) throws {
        let resolved = try #require(ResourceType.user.resolve(AttributePath.parse(text)))
        #expect(resolved.schema.id == schema)
        #expect(resolved.isExtension == (schema != SCIMSchemaURN.user))
        #expect(resolved.definition.name == attribute)
        #expect(resolved.subDefinition?.name == sub)
        #expect(resolved.leaf.name == (sub ?? attribute))
    }

    @Test("unknown attributes and sub-attributes do not resolve", arguments: [
        "nope", "name.nope", "userName.sub", "active.value", "urn:ietf:params:scim:schemas:core:2.0:User:department",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName", "urn:example:other:userName",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:id",
    ])
    func doesNotResolve(text: String) throws {
        #expect(ResourceType.user.resolve(try AttributePath.parse(text)) == nil)
    }

    @Test("the container of an extension attribute is the extension object")
    func extensionContainer() throws {
        let resource = try #require(try Fixtures.json("resources/user-2819c223-7f76-453a-919d-413861904646.json").objectValue)
        let resolved = try #require(ResourceType.user.resolve(try AttributePath.parse("employeeNumber")))
        #expect(resolved.container(in: resource)?[attribute: "employeeNumber"] == "701984")
        let core = try #require(ResourceType.user.resolve(try AttributePath.parse("userName")))
        #expect(core.container(in: resource)?[attribute: "userName"] == "bjensen@example.com")
    }
}

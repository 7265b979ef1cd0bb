import Testing
@testable import SCIM

@Suite("Attribute paths in attributes / excludedAttributes — RFC 7644 §3.10")
struct ProjectionPathTests {
    static let enterprise = SCIMSchemaURN.enterpriseUser

    @Test("paths resolve to schema, attribute and sub-attribute in the schema's spelling", arguments: [
        ("userName", SCIMSchemaURN.user, "userName", nil),
        ("NAME.GIVENNAME", SCIMSchemaURN.user, "name", "givenName"),
        ("meta.lastModified", SCIMSchemaURN.user, "meta", "lastModified"),
        ("urn:ietf:params:scim:schemas:core:2.0:User:emails.value", SCIMSchemaURN.user, "emails", "value"),
        (enterprise, enterprise, nil, nil),
        (enterprise + ":manager.value", enterprise, "manager", "value"),
        ("employeeNumber", enterprise, "employeeNumber", nil),
        (#"emails[type eq "work"].value"#, SCIMSchemaURN.user, "emails", "value"),
        ("unknownThing", SCIMSchemaURN.user, "unknownThing", nil),
    ] as [(String, String, String?, String?)])
    func resolves(text: String, schema: String, attribute: String?, subAttribute: String?) throws {
        let path = try #require(ProjectionPath(text, in: .user))
        #expect(path == ProjectionPath(schema: schema, attribute: attribute, subAttribute: subAttribute))
    }

    @Test("malformed paths are ignored", arguments: ["", " ", "a..b", "a.b.c", ".a", "a.", SCIMSchemaURN.user])
    func rejectsMalformed(text: String) {
        #expect(ProjectionPath(text, in: .user) == nil)
    }

    @Test("lists split at commas outside value filters", arguments: [
        ("a,b", ["a", "b"]),
        (" a , b ,", ["a", "b"]),
        (#"emails[type eq "x,y"],b"#, [#"emails[type eq "x,y"]"#, "b"]),
        ("", []),
    ])
    func splits(list: String, expected: [String]) {
        #expect(ProjectionPath.split(list) == expected)
    }
}

import Testing
@testable import SCIM

@Suite("PATCH paths — RFC 7644 §3.5.2")
struct PatchPathTests {
    static let valid: [(String, PatchPath)] = [
        ("active", PatchPath(attribute: "active")),
        ("name.familyName", PatchPath(attribute: "name.familyName")),
        ("members", PatchPath(attribute: "members")),
        (#"members[value eq "2819c223"]"#, PatchPath(attribute: "members", filter: .compare("value", .eq, "2819c223"))),
        (#"emails[type eq "work"].value"#,
         PatchPath(attribute: "emails", filter: .compare("type", .eq, "work"), filteredSubAttribute: "value")),
        (#"addresses[type eq "work"].streetAddress"#,
         PatchPath(attribute: "addresses", filter: .compare("type", .eq, "work"), filteredSubAttribute: "streetAddress")),
        (#"emails[type eq "work" and primary eq true].display"#,
         PatchPath(attribute: "emails", filter: .and(.compare("type", .eq, "work"), .compare("primary", .eq, true)),
                   filteredSubAttribute: "display")),
        ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
         PatchPath(attribute: AttributePath(schemaURN: SCIMSchemaURN.enterpriseUser, name: "manager"))),
        ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
         PatchPath(attribute: AttributePath(schemaURN: SCIMSchemaURN.enterpriseUser, name: "manager", subAttribute: "value"))),
        (#"urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value"#,
         PatchPath(attribute: AttributePath(schemaURN: SCIMSchemaURN.user, name: "emails"),
                   filter: .compare("type", .eq, "work"), filteredSubAttribute: "value")),
        (#"x509Certificates[value eq "MIIDQzCC"]"#,
         PatchPath(attribute: "x509Certificates", filter: .compare("value", .eq, "MIIDQzCC"))),
        (#"EMAILS[TYPE EQ "work"].VALUE"#,
         PatchPath(attribute: "EMAILS", filter: .compare("TYPE", .eq, "work"), filteredSubAttribute: "VALUE")),
        (#"  members[ value eq "x" ]  "#, PatchPath(attribute: "members", filter: .compare("value", .eq, "x"))),
    ]

    @Test("parses attrPath and valuePath [subAttr]", arguments: valid)
    func parses(text: String, expected: PatchPath) throws {
        let path = try PatchPath.parse(text)
        #expect(path == expected)
        #expect(try PatchPath.parse(path.description) == path)
    }

    @Test("rejects malformed paths with invalidPath and a position", arguments: [
        ("", 1), ("members[", 9), (#"members[value eq "x""#, 21), (#"members[value eq "x"]."#, 22),
        (#"members[value eq "x"].value.x"#, 22), (#"members[value eq "x"] extra"#, 23), ("a b", 3), ("emails.value.x", 1),
        (#"emails.value[type eq "x"]"#, 0), ("name familyName", 6), ("(active)", 1), ("active eq true", 8),
        (#"members[value eq "x"][type eq "y"]"#, 22), ("1abc", 1),
    ])
    func rejects(text: String, column: Int) {
        let error = #expect(throws: SCIMError.self) { try PatchPath.parse(text) }
        #expect(error?.scimType == .invalidPath)
        if column > 0 {
            #expect(error?.detail.contains("at character \(column))") == true, "\(error?.detail ?? "")")
        }
    }

    @Test("the sub-attribute is found whichever way it is written")
    func subAttribute() throws {
        #expect(try PatchPath.parse("name.givenName").subAttribute == "givenName")
        #expect(try PatchPath.parse(#"emails[type eq "work"].value"#).subAttribute == "value")
        #expect(try PatchPath.parse("emails").subAttribute == nil)
    }

    @Test("a path parsed again is the same (kept paths come back), and tighter limits still refuse it", arguments: valid)
    func parsedAgain(text: String, expected: PatchPath) throws {
        #expect(try PatchPath.parse(text) == expected)
        #expect(try PatchPath.parse(text) == expected, "the second parse, from the kept paths for one without a filter")
        let tight = FilterParser.Limits(maxLength: 4, maxDepth: 32)
        let refused = #expect(throws: SCIMError.self) { try PatchPath.parse(text, limits: tight) }
        #expect(refused?.scimType == .invalidPath, "a kept path is not answered under other limits")
    }

    @Test("a malformed path is refused every time (refusals are not kept)")
    func refusedAgain() {
        for _ in 0..<2 {
            #expect(throws: SCIMError.self) { try PatchPath.parse("name familyName") }
        }
    }
}

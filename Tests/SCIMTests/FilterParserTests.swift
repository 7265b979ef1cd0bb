import Testing
@testable import SCIM

@Suite("Filter parsing — RFC 7644 §3.4.2.2")
struct FilterParserTests {
    static let work: Filter = .compare("type", .eq, "work")

    /// Text → expected tree. Every entry is also round-tripped in Filter+DescriptionTests.
    static let parses: [(String, Filter)] = [
        // attribute expressions and every operator
        (#"userName eq "bjensen""#, .compare("userName", .eq, "bjensen")),
        (#"userName ne "bjensen""#, .compare("userName", .ne, "bjensen")),
        (#"name.familyName co "O'Malley""#, .compare("name.familyName", .co, "O'Malley")),
        (#"userName sw "J""#, .compare("userName", .sw, "J")),
        (#"userName ew "n""#, .compare("userName", .ew, "n")),
        (#"meta.lastModified gt "2011-05-13T04:42:34Z""#, .compare("meta.lastModified", .gt, "2011-05-13T04:42:34Z")),
        (#"meta.lastModified ge "2011-05-13T04:42:34Z""#, .compare("meta.lastModified", .ge, "2011-05-13T04:42:34Z")),
        (#"meta.lastModified lt "2011-05-13T04:42:34Z""#, .compare("meta.lastModified", .lt, "2011-05-13T04:42:34Z")),
        (#"meta.lastModified le "2011-05-13T04:42:34Z""#, .compare("meta.lastModified", .le, "2011-05-13T04:42:34Z")),
        ("title pr", .present("title")),
        // case-insensitive operators and keywords (§3.4.2.2)
        (#"userName EQ "x""#, .compare("userName", .eq, "x")),
        (#"userName Eq "x""#, .compare("userName", .eq, "x")),
        (#"username Eq "%s""#, .compare("username", .eq, "%s")),
        ("title PR", .present("title")),
        (#"a pr AND b pr"#, .and(.present("a"), .present("b"))),
        (#"a pr Or b pr"#, .or(.present("a"), .present("b"))),
        (#"NOT (a pr)"#, .not(.present("a"))),
        ("active eq TRUE", .compare("active", .eq, true)),
        ("active eq False", .compare("active", .eq, false)),
        ("manager eq NULL", .compare("manager", .eq, nil)),
        // literals
        ("active eq true", .compare("active", .eq, true)),
        ("active eq false", .compare("active", .eq, false)),
        ("title eq null", .compare("title", .eq, .null)),
        ("count eq 0", .compare("count", .eq, 0)),
        ("count eq -17", .compare("count", .eq, -17)),
        ("count gt 9223372036854775807", .compare("count", .gt, .integer(Int64.max))),
        ("count lt -9223372036854775808", .compare("count", .lt, .integer(Int64.min))),
        ("count gt 9223372036854775808", .compare("count", .gt, .decimal(9223372036854775808))),
        ("weight eq 2.5", .compare("weight", .eq, 2.5)),
        ("weight eq -0.125", .compare("weight", .eq, -0.125)),
        ("weight eq 1e3", .compare("weight", .eq, .decimal(1000))),
        ("weight eq 1.5E-2", .compare("weight", .eq, .decimal(0.015))),
        ("weight eq 2.0", .compare("weight", .eq, .decimal(2))),
        // strings with JSON escapes
        (#"title eq "say \"hi\"""#, .compare("title", .eq, "say \"hi\"")),
        (#"title eq "back\\slash""#, .compare("title", .eq, "back\\slash")),
        (#"title eq "a\/b""#, .compare("title", .eq, "a/b")),
        (#"title eq "tab\there""#, .compare("title", .eq, "tab\there")),
        (#"title eq "line\nbreak""#, .compare("title", .eq, "line\nbreak")),
        (#"title eq "\u00e9t\u00E9""#, .compare("title", .eq, "été")),
        (#"title eq "\ud83d\ude00""#, .compare("title", .eq, "😀")),
        (#"title eq """#, .compare("title", .eq, "")),
        (#"title eq "été""#, .compare("title", .eq, "été")),
        (#"title eq "and or not pr""#, .compare("title", .eq, "and or not pr")),
        (#"title eq "(a) [b]""#, .compare("title", .eq, "(a) [b]")),
        // precedence: or < and < not < primary
        ("a pr or b pr and c pr", .or(.present("a"), .and(.present("b"), .present("c")))),
        ("a pr and b pr or c pr", .or(.and(.present("a"), .present("b")), .present("c"))),
        ("(a pr or b pr) and c pr", .and(.or(.present("a"), .present("b")), .present("c"))),
        ("a pr and (b pr or c pr)", .and(.present("a"), .or(.present("b"), .present("c")))),
        ("a pr or b pr or c pr", .or(.or(.present("a"), .present("b")), .present("c"))),
        ("a pr and b pr and c pr", .and(.and(.present("a"), .present("b")), .present("c"))),
        ("a pr or (b pr or c pr)", .or(.present("a"), .or(.present("b"), .present("c")))),
        ("a pr and (b pr and c pr)", .and(.present("a"), .and(.present("b"), .present("c")))),
        ("not (a pr) and b pr", .and(.not(.present("a")), .present("b"))),
        ("not (a pr and b pr)", .not(.and(.present("a"), .present("b")))),
        ("not(a pr)", .not(.present("a"))),
        ("not (not (a pr))", .not(.not(.present("a")))),
        ("a pr or not (b pr) and c pr", .or(.present("a"), .and(.not(.present("b")), .present("c")))),
        ("((a pr))", .present("a")),
        ("(a pr)", .present("a")),
        ("a pr and b pr or c pr and d pr", .or(.and(.present("a"), .present("b")), .and(.present("c"), .present("d")))),
        // whitespace
        ("  title   pr  ", .present("title")),
        ("title\tpr", .present("title")),
        ("( a pr )", .present("a")),
        // value paths
        (#"emails[type eq "work"]"#, .valuePath("emails", work)),
        (#"emails[ type eq "work" ]"#, .valuePath("emails", work)),
        (#"emails[type eq "work" and value co "@example.com"]"#,
         .valuePath("emails", .and(work, .compare("value", .co, "@example.com")))),
        (#"emails[type eq "work" or primary eq true]"#, .valuePath("emails", .or(work, .compare("primary", .eq, true)))),
        (#"emails[not (type eq "work")]"#, .valuePath("emails", .not(work))),
        (#"emails[(type eq "work")]"#, .valuePath("emails", work)),
        (#"emails[value pr]"#, .valuePath("emails", .present("value"))),
        (#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#,
         .and(.compare("userType", .eq, "Employee"), .valuePath("emails", .and(work, .compare("value", .co, "@example.com"))))),
        (#"emails[type eq "work"] or ims[type eq "xmpp"]"#,
         .or(.valuePath("emails", work), .valuePath("ims", .compare("type", .eq, "xmpp")))),
        (#"not (emails[type eq "work"])"#, .not(.valuePath("emails", work))),
        (#"members[value eq "2819c223-7f76-453a-919d-413861904646"]"#,
         .valuePath("members", .compare("value", .eq, "2819c223-7f76-453a-919d-413861904646"))),
        // URN-qualified paths
        (#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J""#,
         .compare(AttributePath(schemaURN: SCIMSchemaURN.user, name: "userName"), .sw, "J")),
        (#"urn:ietf:params:scim:schemas:core:2.0:User:name.familyName eq "Jensen""#,
         .compare(AttributePath(schemaURN: SCIMSchemaURN.user, name: "name", subAttribute: "familyName"), .eq, "Jensen")),
        (#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d""#,
         .compare(AttributePath(schemaURN: SCIMSchemaURN.enterpriseUser, name: "manager", subAttribute: "value"), .eq,
                  "26118915-6090-4610-87e4-49d8ca9f808d")),
        (#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber pr"#,
         .present(AttributePath(schemaURN: SCIMSchemaURN.enterpriseUser, name: "employeeNumber"))),
        (#"urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"]"#,
         .valuePath(AttributePath(schemaURN: SCIMSchemaURN.user, name: "emails"), work)),
        (#"schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User""#,
         .compare("schemas", .eq, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")),
        // names that look like keywords
        ("not pr", .present("not")),
        ("pr pr", .present("pr")),
        (#"and eq "x""#, .compare("and", .eq, "x")),
        ("members.$ref pr", .present("members.$ref")),
        ("x-custom_attr1 pr", .present("x-custom_attr1")),
    ]

    @Test("parses to the expected tree", arguments: parses)
    func parsesToExpectedTree(text: String, expected: Filter) throws {
        #expect(try FilterParser.parse(text) == expected)
    }

    /// Text → 1-based character position in the error detail.
    static let errors: [(String, Int)] = [
        ("userName eq", 12),
        (#"emails[type eq "work""#, 22),
        ("(a pr", 6),
        ("", 1),
        ("   ", 4),
        ("userName", 9),
        ("userName xx \"a\"", 10),
        ("userName eq bjensen", 13),
        (#"userName eq "unterminated"#, 13),
        (#"title eq "bad \q escape""#, 15),
        (#"title eq "\u12G4""#, 11),
        (#"title eq "\ud83d""#, 11),
        ("count eq 01", 10),
        ("count eq -", 10),
        ("count eq 1.", 10),
        ("count eq 1e", 10),
        ("count eq 12abc", 10),
        ("a pr and", 9),
        ("a pr or", 8),
        ("a pr b pr", 6),
        ("a pr)", 5),
        ("(a pr))", 7),
        ("not a pr", 5),
        ("not (a pr", 10),
        ("a pr and or b pr", 13),
        ("emails[]", 8),
        (#"emails[type eq "work"]]"#, 23),
        (#"emails[type eq "work"].value"#, 29),
        (#"emails[type eq "work"].value.x eq "y""#, 23),
        // Found by FilterFuzzer: a URN-looking name after ']' rendered as a different path.
        (#"emails[type eq "work"].value1:1pe eq 1"#, 23),
        (#"emails[type eq "work"].$ eq 1"#, 23),
        (#"emails[addresses[type eq "work"]]"#, 17),
        ("2abc pr", 1),
        ("#title pr", 1),
        ("title pr !", 10),
        ("userName eq \"x\" \"y\"", 17),
        ("a..b pr", 1),
        ("a.b.c pr", 1),
        ("urn:x: pr", 1),
        ("title eq true false", 15),
        ("userName eq (\"x\")", 13),
        ("userName gt", 12),
        ("[a pr]", 1),
        ("title eq \"ctl\u{01}\"", 14),
    ]

    @Test("Entra's sub-attribute after the brackets means one more 'and' inside them (fixtures/entra/conversation-user-lifecycle.json)")
    func entraValuePathSubAttribute() throws {
        let filter = try FilterParser.parse(#"emails[type eq "work"].value eq "joe@contoso.com""#)
        #expect(filter == .valuePath(AttributePath(name: "emails"),
                                     .and(.compare(AttributePath(name: "type"), .eq, .string("work")),
                                          .compare(AttributePath(name: "value"), .eq, .string("joe@contoso.com")))))
        #expect(filter.description == #"emails[type eq "work" and value eq "joe@contoso.com"]"#)
        #expect(try FilterParser.parse(#"emails[type eq "work"].value pr"#)
            == .valuePath(AttributePath(name: "emails"), .and(.compare(AttributePath(name: "type"), .eq, .string("work")),
                                                              .present(AttributePath(name: "value")))))
    }

    @Test("reports the character position of a syntax error", arguments: errors)
    func reportsPositionOfSyntaxError(text: String, column: Int) {
        let error = #expect(throws: SCIMError.self) { try FilterParser.parse(text) }
        #expect(error?.scimType == .invalidFilter)
        #expect(error?.status == 400)
        #expect(error?.detail.contains("at character \(column))") == true, "\(error?.detail ?? "")")
    }

    @Test("a filter longer than the length limit is refused before parsing")
    func lengthLimit() {
        let long = "userName eq \"" + String(repeating: "a", count: 5000) + "\""
        let error = #expect(throws: SCIMError.self) { try FilterParser.parse(long) }
        #expect(error?.scimType == .invalidFilter)
        #expect(error?.detail.contains("longer than 4096") == true)
        #expect(throws: Never.self) { try FilterParser.parse(long, limits: .init(maxLength: 6000)) }
    }

    @Test("nesting beyond the depth limit is refused", arguments: [31, 32, 33, 200])
    func depthLimit(depth: Int) {
        let text = String(repeating: "(", count: depth) + "a pr" + String(repeating: ")", count: depth)
        if depth <= FilterParser.Limits.default.maxDepth {
            #expect(throws: Never.self) { try FilterParser.parse(text) }
        } else {
            let error = #expect(throws: SCIMError.self) { try FilterParser.parse(text) }
            #expect(error?.detail.contains("deeper than 32") == true)
        }
    }

    @Test("not-nesting counts towards the depth limit")
    func notDepth() {
        let text = String(repeating: "not (", count: 40) + "a pr" + String(repeating: ")", count: 40)
        #expect(throws: SCIMError.self) { try FilterParser.parse(text) }
        #expect(throws: Never.self) { try FilterParser.parse(text, limits: .init(maxDepth: 40)) }
    }

    @Test("long and-chains stay within limits and parse left-associatively")
    func longChain() throws {
        let text = Array(repeating: "a pr", count: 300).joined(separator: " and ")
        var filter = try FilterParser.parse(text)
        var count = 1
        while case .and(let lhs, let rhs) = filter {
            #expect(rhs == .present("a"))
            filter = lhs
            count += 1
        }
        #expect(count == 300)
    }
}

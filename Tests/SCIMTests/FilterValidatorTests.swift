import Testing
@testable import SCIM

@Suite("Filter validation — RFC 7644 §3.4.2.2, §3.12")
struct FilterValidatorTests {
    /// Filters that parse but do not fit the Widget schema → a word in the detail.
    static let rejected: [(String, String)] = [
        (#"nope eq "x""#, "Unknown attribute"),
        (#"label.sub eq "x""#, "Unknown attribute"),
        (#"parts.nope eq "x""#, "Unknown attribute"),
        (#"urn:example:other:label eq "x""#, "Unknown attribute"),
        (#"urn:example:params:scim:schemas:extension:acme:2.0:Widget:label eq "x""#, "Unknown attribute"),
        ("nope pr", "Unknown attribute"),
        (#"parts[nope eq "x"]"#, "Unknown attribute"),
        (#"parts[parts.kind eq "x"]"#, "Unknown attribute"),
        (#"parts[urn:x:kind eq "x"]"#, "Unknown attribute"),
        // ordering on boolean and binary (§3.4.2.2)
        ("enabled gt true", "cannot compare"), ("enabled ge false", "cannot compare"),
        ("enabled lt true", "cannot compare"), ("enabled le true", "cannot compare"),
        (#"blob gt "a""#, "cannot compare"), (#"blob lt "a""#, "cannot compare"),
        ("parts.primary gt true", "cannot compare"),
        // substring operators need strings
        ("count co 4", "needs a string"), ("enabled sw true", "needs a string"),
        (#"shippedAt co "2024""#, "needs a string"), (#"blob co "SG""#, "needs a string"), ("weight ew 5", "needs a string"),
        // operand types
        (#"count eq "42""#, "not a valid integer"), ("count eq true", "not a valid integer"),
        (#"weight gt "2.5""#, "not a valid decimal"), ("label eq 5", "not a valid string"),
        ("label eq true", "not a valid string"), (#"enabled eq "yes""#, "not a valid boolean"),
        ("enabled eq 1", "not a valid boolean"), (#"shippedAt gt "yesterday""#, "not a valid dateTime"),
        (#"shippedAt gt "2024-02-30T00:00:00Z""#, "not a valid dateTime"), ("shippedAt gt 5", "not a valid dateTime"),
        ("blob eq 5", "not a valid binary"), ("homepage eq false", "not a valid reference"),
        // null only with eq/ne
        ("label co null", "is not defined"), ("count gt null", "is not defined"),
        // complex without a value sub-attribute; value paths on simple attributes
        (#"dims eq "x""#, "is complex"), (#"meta eq "x""#, "is complex"),
        (#"label[value eq "x"]"#, "not a complex attribute"), (#"tags[value eq "x"]"#, "not a complex attribute"),
        (#"parts.kind[value eq "x"]"#, "not a complex attribute"),
        // writeOnly, returned never: a filter would read it back
        ("secret pr", "never returned"), (#"secret sw "p""#, "never returned"), (#"not (secret eq "pw")"#, "never returned"),
    ]

    @Test("rejects filters that do not fit the schema with invalidFilter", arguments: rejected)
    func rejects(text: String, detail: String) throws {
        let filter = try FilterParser.parse(text)
        let error = #expect(throws: SCIMError.self) { try FilterValidator.validate(filter, against: .widget) }
        #expect(error?.scimType == .invalidFilter)
        #expect(error?.detail.contains(detail) == true, "\(error?.detail ?? "")")
        // The evaluator validates too.
        #expect(throws: SCIMError.invalidFilter("")) { try FilterEvaluator(filter, resourceType: .widget) }
    }

    static let accepted: [String] = [
        #"userName eq "x""#, #"USERNAME eq "x""#, #"name.familyName eq "x""#, #"NAME.FAMILYNAME co "x""#,
        #"emails eq "a@b""#, #"emails.value eq "a@b""#, #"emails[type eq "work"]"#, #"emails[TYPE eq "work"]"#,
        #"emails.primary eq true"#, #"emails[primary eq "True"]"#, "active eq true", #"active eq "False""#,
        #"meta.lastModified gt "2011-05-13T04:42:34Z""#, #"meta.created le "2011-05-13T04:42:34.5+05:30""#,
        #"id eq "x""#, #"externalId eq "x""#, "meta pr", "meta.version pr", #"schemas eq "urn:x""#,
        #"urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x""#,
        #"urn:ietf:params:scim:schemas:core:2.0:User:id eq "x""#,
        #"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "x""#,
        #"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "x""#,
        #"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq "x""#,
        #"employeeNumber eq "701984""#, #"department co "Tour""#, "x509Certificates pr",
        #"x509Certificates.value eq "MIIDQzCC""#, "groups pr", #"groups.display eq "x""#, "manager eq null",
        #"addresses[type eq "work" and postalCode sw "91"]"#, #"ims[type eq "xmpp" and value co "@foo.com"]"#,
        #"not (emails[type eq "work"]) and title pr"#,
    ]

    @Test("accepts filters on User attributes, common attributes and the Enterprise extension", arguments: accepted)
    func accepts(text: String) throws {
        let filter = try FilterParser.parse(text)
        #expect(throws: Never.self) { try FilterValidator.validate(filter, against: .user) }
    }

    @Test("Group filters resolve against the Group schema", arguments: [
        (#"displayName eq "Tour Guides""#, true), (#"members[value eq "x"]"#, true), (#"members.display co "a""#, true),
        (#"userName eq "x""#, false), (#"members[type eq "User"]"#, true), (#"members.$ref pr"#, true),
    ])
    func groupFilters(text: String, valid: Bool) throws {
        let filter = try FilterParser.parse(text)
        if valid {
            #expect(throws: Never.self) { try FilterValidator.validate(filter, against: .group) }
        } else {
            #expect(throws: SCIMError.invalidFilter("")) { try FilterValidator.validate(filter, against: .group) }
        }
    }
}

/// Attributes no response holds (`returned: never`, `mutability: writeOnly`) cannot be
/// filtered on: `pin sw "4"`, then `pin sw "47"`… would read a write-only value back.
@Suite("Filter validation — never-returned attributes (RFC 7643 §7)")
struct FilterValidatorNeverReturnedTests {
    static let urn = "urn:example:params:scim:schemas:extension:acme:2.0:User"

    static func type() throws -> ResourceType {
        let schema = try ExtensionSchemaDeclaration.parse([
            "id": .string(urn),
            "attributes": [
                ["name": "pin", "returned": "never"],
                ["name": "secret", "mutability": "writeOnly"],
                ["name": "nick"],
                ["name": "vault", "type": "complex", "mutability": "writeOnly", "multiValued": true,
                 "subAttributes": [["name": "value"], ["name": "label"]]],
                ["name": "card", "type": "complex", "subAttributes": [["name": "number", "returned": "never"], ["name": "value", "returned": "never"], ["name": "holder"]]],
            ],
        ])
        return ResourceType.user.declaring([schema])
    }

    @Test("refused, wherever the path reaches them", arguments: [
        #"password eq "x""#, #"not (password pr)"#, #"userName eq "a" or password sw "S""#,
        "\(urn):pin sw \"4\"", "\(urn):pin pr", "pin eq \"4711\"", "\(urn):secret gt \"a\"",
        "\(urn):vault.label eq \"x\"", "\(urn):vault[label eq \"x\"]", "\(urn):vault eq \"x\"",
        "\(urn):card.number sw \"4\"", "\(urn):card[number sw \"4\"]", "\(urn):card eq \"x\"",
    ])
    func refused(text: String) throws {
        let filter = try FilterParser.parse(text)
        let error = #expect(throws: SCIMError.self) { try FilterValidator.validate(filter, against: try Self.type()) }
        #expect(error?.scimType == .invalidFilter)
        #expect(error?.detail.contains("never returned") == true, "\(error?.detail ?? "")")
    }

    @Test("a value filter of a PATCH path is refused on them too (a remove of vault[value eq \"1234\"] answered whether it matched)",
          arguments: [("vault", #"value eq "1234""#, false), ("vault", #"label pr"#, false), ("card", #"number sw "4""#, false),
                      ("card", #"holder eq "Ann""#, true)])
    func patchValueFilters(parent: String, text: String, accepted: Bool) throws {
        let type = try Self.type()
        let definition = try #require(type.resolve(try AttributePath.parse("\(Self.urn):\(parent)"))?.definition)
        let filter = try FilterParser.parse(text)
        if accepted {
            #expect(throws: Never.self) { _ = try FilterEvaluator.elementPredicate(filter, parent: definition) }
        } else {
            let error = #expect(throws: SCIMError.self) { _ = try FilterEvaluator.elementPredicate(filter, parent: definition) }
            #expect(error?.scimType == .invalidFilter && error?.detail.contains("never returned") == true)
        }
    }

    @Test("the attributes beside them still filter", arguments: [
        "\(urn):nick eq \"z\"", "\(urn):card.holder co \"Ann\"", "\(urn):card[holder pr]", "nick pr",
    ])
    func accepted(text: String) throws {
        let filter = try FilterParser.parse(text)
        #expect(throws: Never.self) { try FilterValidator.validate(filter, against: try Self.type()) }
    }
}

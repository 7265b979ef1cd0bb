import Testing
@testable import SCIM

@Suite("Filter evaluation — RFC 7644 §3.4.2.2")
struct FilterEvaluatorTests {
    /// Filter text → whether it matches `ResourceType.sampleWidget`. Operator × attribute
    /// type × caseExact, multi-valued ANY, presence, missing attributes.
    static let widgetCases: [(String, Bool)] = [
        // string, not caseExact
        (#"label eq "blue widget""#, true), (#"label eq "BLUE WIDGET""#, true), (#"label eq "Blue""#, false),
        (#"label ne "blue widget""#, false), (#"label ne "red""#, true),
        (#"label co "E WID""#, true), (#"label co "green""#, false), (#"label co """#, true),
        (#"label sw "blue""#, true), (#"label sw "widget""#, false),
        (#"label ew "WIDGET""#, true), (#"label ew "blue""#, false),
        (#"label gt "Apple""#, true), (#"label gt "zebra""#, false), (#"label ge "BLUE WIDGET""#, true),
        (#"label lt "c""#, true), (#"label lt "B""#, false), (#"label le "blue widget""#, true),
        ("label pr", true),
        // string, caseExact
        (#"code eq "AbC-42""#, true), (#"code eq "abc-42""#, false), (#"code ne "abc-42""#, true),
        (#"code co "C-4""#, true), (#"code co "c-4""#, false),
        (#"code sw "Ab""#, true), (#"code sw "ab""#, false),
        (#"code ew "-42""#, true), (#"code gt "AbC-41""#, true), (#"code lt "abc""#, true),
        // id and externalId are caseExact (RFC 7643 §3.1)
        (#"id eq "w-1""#, true), (#"id eq "W-1""#, false), (#"externalId eq "EXT-1""#, true), (#"externalId eq "ext-1""#, false),
        (#"ID eq "w-1""#, true), (#"EXTERNALID sw "EXT""#, true),
        // integer
        ("count eq 42", true), ("count eq 41", false), ("count ne 41", true), ("count ne 42", false),
        ("count gt 41", true), ("count gt 42", false), ("count ge 42", true), ("count ge 43", false),
        ("count lt 43", true), ("count lt 42", false), ("count le 42", true), ("count le 41", false),
        ("count eq 42.0", true), ("count gt 41.5", true), ("count lt 42.5", true), ("count pr", true),
        // decimal
        ("weight eq 2.5", true), ("weight eq 2", false), ("weight gt 2", true), ("weight lt 3", true),
        ("weight ge 2.5", true), ("weight le 2.49", false), ("weight ne 2.5", false), ("weight pr", true),
        // boolean (and IdP strings)
        ("enabled eq true", true), ("enabled eq false", false), ("enabled ne false", true), ("enabled ne true", false),
        (#"enabled eq "True""#, true), (#"enabled eq "false""#, false), ("enabled pr", true),
        // dateTime as instants: 2024-03-10T12:00:00+02:00 is 10:00Z
        (#"shippedAt eq "2024-03-10T10:00:00Z""#, true), (#"shippedAt eq "2024-03-10T12:00:00Z""#, false),
        (#"shippedAt eq "2024-03-10T05:00:00-05:00""#, true), (#"shippedAt eq "2024-03-10T10:00:00.000Z""#, true),
        (#"shippedAt gt "2024-03-10T09:59:59.999Z""#, true), (#"shippedAt gt "2024-03-10T10:00:00Z""#, false),
        (#"shippedAt ge "2024-03-10T10:00:00Z""#, true), (#"shippedAt lt "2024-03-10T11:00:00+01:00""#, false),
        (#"shippedAt le "2024-03-10T11:00:00+01:00""#, true), (#"shippedAt lt "2024-03-10T11:30:00+01:00""#, true),
        (#"shippedAt ne "2024-03-10T10:00:00Z""#, false), (#"shippedAt gt "2023-12-31T23:59:59Z""#, true),
        (#"shippedAt lt "2024-03-10t10:00:01z""#, true), ("shippedAt pr", true),
        (#"meta.lastModified gt "2024-06-01T08:30:00.249Z""#, true),
        (#"meta.lastModified gt "2024-06-01T08:30:00.25Z""#, false),
        (#"meta.lastModified eq "2024-06-01T10:30:00.250+02:00""#, true),
        (#"meta.created lt "2024-01-01T00:00:00.000000001Z""#, true),
        (#"meta.created ge "2024-01-01T01:00:00+01:00""#, true),
        // binary: caseExact, eq/ne only
        (#"blob eq "SGVsbG8=""#, true), (#"blob eq "sgvsbg8=""#, false), (#"blob ne "sgvsbg8=""#, true), ("blob pr", true),
        // reference
        (#"homepage eq "HTTPS://example.com/Widgets/w-1""#, true), (#"homepage sw "https://example.com""#, true),
        (#"homepage co "/widgets/""#, true),
        // multi-valued simple: ANY value
        (#"tags eq "red""#, true), (#"tags eq "GREEN""#, true), (#"tags eq "blue""#, false),
        (#"tags ne "red""#, false), (#"tags ne "blue""#, true), (#"tags co "ee""#, true), (#"tags sw "g""#, true),
        ("tags pr", true),
        ("scores eq 7", true), ("scores eq 5", false), ("scores gt 6", true), ("scores gt 7", false),
        ("scores lt 4", true), ("scores lt 3", false), ("scores ne 3", false),
        // multi-valued complex: sub-attributes, implicit value, value paths
        (#"parts.kind eq "rubber""#, true), (#"parts.kind eq "wood""#, false), (#"parts.value eq "nut""#, true),
        (#"parts eq "NUT""#, true), (#"parts co "ash""#, true), (#"parts eq "screw""#, false),
        ("parts.size gt 4", true), ("parts.size gt 5", false), ("parts.primary eq true", true),
        ("parts.size pr", true), ("parts pr", true),
        (#"parts[kind eq "metal"]"#, true), (#"parts[kind eq "metal" and size lt 4]"#, true),
        (#"parts[kind eq "metal" and size gt 5]"#, false), (#"parts[kind eq "rubber" and size pr]"#, false),
        (#"parts[kind eq "rubber" and not (size pr)]"#, true), (#"parts[primary eq true and value eq "bolt"]"#, true),
        (#"parts[primary eq true and value eq "nut"]"#, false), (#"parts[KIND EQ "METAL"]"#, true),
        (#"parts[size ge 3 and size le 3]"#, true), (#"parts[kind ne "metal"]"#, true), (#"parts[value ew "er"]"#, true),
        // single complex
        ("dims.height gt 10", true), ("dims.height eq 10.5", true), (#"dims.unit eq "cm""#, true),
        (#"dims.unit eq "CM""#, false), ("dims pr", true), ("dims.note pr", false),
        (#"dims[unit eq "cm"]"#, true), (#"dims[height lt 1]"#, false),
        // extension attributes, qualified and not
        ("urn:example:params:scim:schemas:extension:acme:2.0:Widget:cost gt 19", true),
        ("urn:example:params:scim:schemas:extension:acme:2.0:Widget:cost lt 19", false),
        ("cost eq 19.99", true),
        (#"urn:example:params:scim:schemas:extension:acme:2.0:Widget:owner.value eq "U-7""#, true),
        (#"urn:example:params:scim:schemas:extension:acme:2.0:Widget:owner.value eq "u-7""#, false),
        (#"URN:EXAMPLE:PARAMS:SCIM:SCHEMAS:EXTENSION:ACME:2.0:WIDGET:OWNER.DISPLAY eq "ann""#, true),
        (#"owner eq "U-7""#, true),
        (#"urn:example:params:scim:schemas:core:2.0:Widget:label eq "blue widget""#, true),
        // schemas
        (#"schemas eq "urn:example:params:scim:schemas:extension:acme:2.0:Widget""#, true),
        (#"schemas eq "URN:EXAMPLE:PARAMS:SCIM:SCHEMAS:EXTENSION:ACME:2.0:WIDGET""#, true),
        (#"schemas eq "urn:example:other""#, false),
        // missing attributes: pr false, ne true (ne ≡ not eq), ordering false, eq null true
        ("frozen pr", false), (#"frozen eq "x""#, false), (#"frozen ne "x""#, true), (#"frozen co "x""#, false),
        (#"frozen gt "a""#, false), ("frozen eq null", true), ("frozen ne null", false),
        ("label eq null", false), ("label ne null", true),
        (#"not (frozen eq "x")"#, true),
        // logic and precedence
        (#"label pr or frozen pr and count eq 0"#, true), (#"(label pr or frozen pr) and count eq 0"#, false),
        (#"not (label pr) or count eq 42"#, true), (#"not (label pr or count eq 42)"#, false),
        (#"label pr and count eq 42 and enabled eq true"#, true), (#"frozen pr or stamp pr"#, false),
        // case-insensitive attribute names
        (#"LABEL EQ "blue widget""#, true), (#"Parts.Kind eq "rubber""#, true), ("COUNT GE 42", true),
    ]

    @Test("matches sampleWidget as the table says", arguments: widgetCases)
    func evaluatesWidget(text: String, expected: Bool) throws {
        let evaluator = try FilterEvaluator(parsing: text, resourceType: .widget)
        #expect(evaluator.matches(ResourceType.sampleWidget) == expected, "\(text)")
        // The JSONValue entry point agrees.
        #expect(evaluator.matches(JSONValue.object(ResourceType.sampleWidget)) == expected)
    }

    @Test("RFC 7644 §3.4.2.2 examples against Babs Jensen", arguments: try RFCFilterExamples.load())
    func rfcExamples(example: RFCFilterExamples.Example) throws {
        let resource = try Fixtures.json("resources/user-2819c223-7f76-453a-919d-413861904646.json")
        let evaluator = try FilterEvaluator(parsing: example.filter, resourceType: .user)
        #expect(evaluator.matches(resource) == example.matches)
    }

    /// Absent, null, empty values and pr (RFC 7644 §3.4.2.2: "non-empty value").
    static let presence: [(JSONValue, Bool)] = [
        (.null, false), ("", false), ([], false), ([:], false), (["value": nil], false), (["value": ""], false),
        ([nil, ""], false), ("x", true), (0, true), (false, true), (["value": "x"], true), ([["value": "x"]], true),
    ]

    @Test("pr is false for null, empty strings, arrays and objects", arguments: presence)
    func presenceRules(value: JSONValue, expected: Bool) throws {
        #expect(FilterEvaluator.isPresent(value) == expected)
    }

    @Test("userName compares ignoring case; the Okta and Entra case checks find the user", arguments: [
        #"userName eq "BJENSEN@EXAMPLE.COM""#, #"USERNAME eq "bjensen@example.com""#, #"username Eq "BJensen@Example.com""#,
        #"emails[type eq "work"] and userName sw "BJ""#, #"userName ew "@EXAMPLE.com""#,
    ])
    func userNameIgnoresCase(text: String) throws {
        let resource = try Fixtures.json("resources/user-2819c223-7f76-453a-919d-413861904646.json")
        #expect(try FilterEvaluator(parsing: text, resourceType: .user).matches(resource))
    }

    @Test("a non-object resource never matches")
    func nonObject() throws {
        let evaluator = try FilterEvaluator(parsing: "label pr", resourceType: .widget)
        #expect(!evaluator.matches(JSONValue.array([])))
        #expect(!evaluator.matches(JSONValue.string("label")))
    }

    @Test("stored booleans sent as strings still compare as booleans")
    func stringBooleansInResource() throws {
        let resource = JSONValue.object(from: ["enabled": "False"])
        #expect(try FilterEvaluator(parsing: "enabled eq false", resourceType: .widget).matches(resource))
        #expect(!(try FilterEvaluator(parsing: "enabled eq true", resourceType: .widget).matches(resource)))
    }

    @Test("values of the wrong stored type never match")
    func wrongStoredTypes() throws {
        let resource = JSONValue.object(from: ["count": "42", "label": 5, "shippedAt": "yesterday"])
        #expect(!(try FilterEvaluator(parsing: "count eq 42", resourceType: .widget).matches(resource)))
        #expect(!(try FilterEvaluator(parsing: #"label eq "5""#, resourceType: .widget).matches(resource)))
        #expect(!(try FilterEvaluator(parsing: #"shippedAt lt "2030-01-01T00:00:00Z""#, resourceType: .widget).matches(resource)))
    }
}

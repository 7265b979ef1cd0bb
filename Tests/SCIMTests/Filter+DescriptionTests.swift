import Testing
@testable import SCIM

@Suite("Filter rendering — canonical text, RFC 7644 §3.4.2.2")
struct FilterDescriptionTests {
    @Test("parse(render(f)) == f for every parsed filter", arguments: FilterParserTests.parses.map(\.1))
    func roundTrip(filter: Filter) throws {
        #expect(try FilterParser.parse(filter.description) == filter, "\(filter)")
    }

    @Test("parse(render(f)) == f for every evaluator case", arguments: FilterEvaluatorTests.widgetCases.map(\.0))
    func roundTripEvaluatorCases(text: String) throws {
        let filter = try FilterParser.parse(text)
        #expect(try FilterParser.parse(filter.description) == filter)
    }

    @Test("trees built by hand round-trip, including ones the parser never builds", arguments: [
        Filter.or(.present("a"), .or(.present("b"), .present("c"))),
        .and(.present("a"), .and(.present("b"), .present("c"))),
        .and(.or(.present("a"), .present("b")), .or(.present("c"), .present("d"))),
        .not(.or(.and(.present("a"), .present("b")), .not(.present("c")))),
        .valuePath("emails", .or(.and(.present("a"), .present("b")), .present("c"))),
        .compare("title", .eq, "quote \" backslash \\ control \u{01} newline \n"),
        .compare("weight", .eq, .decimal(1e-7)),
        .compare("weight", .eq, .decimal(-0.0)),
        .compare("weight", .eq, .decimal(1e300)),
        .compare("count", .eq, .integer(Int64.min)),
    ])
    func handBuiltRoundTrip(filter: Filter) throws {
        #expect(try FilterParser.parse(filter.description) == filter, "\(filter)")
    }

    @Test("renders the canonical spelling", arguments: [
        (#"userName  EQ   "bjensen""#, #"userName eq "bjensen""#),
        ("((a pr))", "a pr"),
        ("a pr and (b pr or c pr)", "a pr and (b pr or c pr)"),
        ("(a pr and b pr) or c pr", "a pr and b pr or c pr"),
        ("a pr or (b pr or c pr)", "a pr or (b pr or c pr)"),
        ("NOT(a PR)", "not (a pr)"),
        (#"emails[ type EQ "work" ]"#, #"emails[type eq "work"]"#),
        ("active eq TRUE", "active eq true"),
        ("title eq NULL", "title eq null"),
        (#"title eq "\u00e9""#, #"title eq "é""#),
        (#"title eq "a\/b""#, #"title eq "a/b""#),
        ("weight eq 1E3", "weight eq 1000.0"),
    ])
    func rendersCanonically(text: String, canonical: String) throws {
        #expect(try FilterParser.parse(text).description == canonical)
    }

    @Test("RFC 7644 §3.4.2.2 examples render to their canonical form",
          arguments: try RFCFilterExamples.load())
    func rfcExamplesRender(example: RFCFilterExamples.Example) throws {
        let filter = try FilterParser.parse(example.filter)
        #expect(filter.description == example.canonical)
        #expect(try FilterParser.parse(filter.description) == filter)
    }

    @Test("the RFC example table is not empty")
    func rfcTableNotEmpty() throws {
        #expect(try RFCFilterExamples.load().count >= 17)
    }
}

/// `fixtures/rfc7644/filters.json`.
enum RFCFilterExamples {
    struct Example: Sendable, CustomTestStringConvertible {
        var filter: String
        var canonical: String
        var matches: Bool
        var testDescription: String { filter }
    }

    static func load() throws -> [Example] {
        let json = try Fixtures.json("rfc7644/filters.json")
        guard let examples = json[attribute: "examples"]?.arrayValue else { throw Exchange.FixtureError.malformed }
        return try examples.map { item in
            guard let filter = item[attribute: "filter"]?.stringValue,
                  let canonical = item[attribute: "canonical"]?.stringValue,
                  let matches = item[attribute: "matches"]?.boolValue else { throw Exchange.FixtureError.malformed }
            return Example(filter: filter, canonical: canonical, matches: matches)
        }
    }
}

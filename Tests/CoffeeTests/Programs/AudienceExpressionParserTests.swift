import Foundation
import Testing
@testable import Coffee

@Suite("Audience expressions — parsing, precedence, quoting, errors with positions, canonical round trip")
struct AudienceExpressionParserTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: AudienceExpression
        let canonical: String
        var testDescription: String { text }
    }

    static func eq(_ key: String, _ value: String) -> AudienceExpression { .equals(key: CategoryKey(key), value: value) }

    static let valid: [Valid] = [
        Valid(text: "City = Paris", expected: eq("City", "Paris"), canonical: "City = Paris"),
        Valid(text: "city in (Paris, Lyon)", expected: .oneOf(key: "city", values: ["Paris", "Lyon"]), canonical: "city in (Paris, Lyon)"),
        Valid(text: "City in (Paris, Lyon) and not Department = HR",
              expected: .and([.oneOf(key: "City", values: ["Paris", "Lyon"]), .not(eq("Department", "HR"))]),
              canonical: "City in (Paris, Lyon) and not Department = HR"),
        Valid(text: "  City   IN(Paris,Lyon)AND NOT Department=HR ",
              expected: .and([.oneOf(key: "City", values: ["Paris", "Lyon"]), .not(eq("Department", "HR"))]),
              canonical: "City in (Paris, Lyon) and not Department = HR"),
        Valid(text: "a = 1 or b = 2 and c = 3", expected: .or([eq("a", "1"), .and([eq("b", "2"), eq("c", "3")])]),
              canonical: "a = 1 or b = 2 and c = 3"),
        Valid(text: "a = 1 and b = 2 or c = 3", expected: .or([.and([eq("a", "1"), eq("b", "2")]), eq("c", "3")]),
              canonical: "a = 1 and b = 2 or c = 3"),
        Valid(text: "(a = 1 or b = 2) and c = 3", expected: .and([.or([eq("a", "1"), eq("b", "2")]), eq("c", "3")]),
              canonical: "(a = 1 or b = 2) and c = 3"),
        Valid(text: "a = 1 or b = 2 or c = 3", expected: .or([eq("a", "1"), eq("b", "2"), eq("c", "3")]),
              canonical: "a = 1 or b = 2 or c = 3"),
        Valid(text: "a = 1 and (b = 2 and c = 3)", expected: .and([eq("a", "1"), .and([eq("b", "2"), eq("c", "3")])]),
              canonical: "a = 1 and (b = 2 and c = 3)"),
        Valid(text: "(a = 1 and b = 2) or c = 3", expected: .or([.and([eq("a", "1"), eq("b", "2")]), eq("c", "3")]),
              canonical: "a = 1 and b = 2 or c = 3"),
        Valid(text: "not (a = 1 or b = 2)", expected: .not(.or([eq("a", "1"), eq("b", "2")])), canonical: "not (a = 1 or b = 2)"),
        Valid(text: "not a = 1 and b = 2", expected: .and([.not(eq("a", "1")), eq("b", "2")]), canonical: "not a = 1 and b = 2"),
        Valid(text: "Not NOT a = 1", expected: .not(.not(eq("a", "1"))), canonical: "not not a = 1"),
        Valid(text: "((City = Paris))", expected: eq("City", "Paris"), canonical: "City = Paris"),
        Valid(text: "Department = \"Human Resources\"", expected: eq("Department", "Human Resources"),
              canonical: "Department = \"Human Resources\""),
        Valid(text: #"Title = "Say \"hi\" \\o/""#, expected: eq("Title", #"Say "hi" \o/"#), canonical: #"Title = "Say \"hi\" \\o/""#),
        Valid(text: "Team = \"and\"", expected: eq("Team", "and"), canonical: "Team = \"and\""),
        Valid(text: "\"Cost center\" = \"R&D\"", expected: eq("Cost center", "R&D"), canonical: "\"Cost center\" = R&D"),
        Valid(text: "City = Saint-Étienne", expected: eq("City", "Saint-Étienne"), canonical: "City = Saint-Étienne"),
        Valid(text: "Office in (\"New York\", Paris)", expected: .oneOf(key: "Office", values: ["New York", "Paris"]),
              canonical: "Office in (\"New York\", Paris)"),
        Valid(text: "Level = \"a=b\"", expected: eq("Level", "a=b"), canonical: "Level = \"a=b\""),
    ]

    @Test(arguments: valid)
    func parsesAndPrintsCanonically(_ row: Valid) throws {
        let parsed = try AudienceExpressionParser.parse(row.text)
        #expect(parsed == row.expected)
        #expect(parsed.description == row.canonical)
        #expect(try AudienceExpressionParser.parse(parsed.description) == parsed)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        let text: String
        let kind: AudienceExpressionError.Kind
        let offset: Int
        var testDescription: String { text.isEmpty ? "(empty)" : text }
    }

    static let invalid: [Invalid] = [
        Invalid(text: "", kind: .unexpectedEnd(expected: .key), offset: 0),
        Invalid(text: "   ", kind: .unexpectedEnd(expected: .key), offset: 3),
        Invalid(text: "City", kind: .unexpectedEnd(expected: .comparison), offset: 4),
        Invalid(text: "City =", kind: .unexpectedEnd(expected: .value), offset: 6),
        Invalid(text: "City Paris", kind: .unexpectedToken("Paris", expected: .comparison), offset: 5),
        Invalid(text: "City = Paris Lyon", kind: .unexpectedToken("Lyon", expected: .operatorOrEnd), offset: 13),
        Invalid(text: "City in Paris", kind: .unexpectedToken("Paris", expected: .openingParenthesis), offset: 8),
        Invalid(text: "City in ()", kind: .unexpectedToken(")", expected: .value), offset: 9),
        Invalid(text: "City in (Paris, )", kind: .unexpectedToken(")", expected: .value), offset: 16),
        Invalid(text: "City in (Paris Lyon)", kind: .unexpectedToken("Lyon", expected: .commaOrClosingParenthesis), offset: 15),
        Invalid(text: "City in (Paris", kind: .unexpectedEnd(expected: .commaOrClosingParenthesis), offset: 14),
        Invalid(text: "(City = Paris", kind: .unexpectedEnd(expected: .closingParenthesis), offset: 13),
        Invalid(text: "(City = Paris Lyon", kind: .unexpectedToken("Lyon", expected: .closingParenthesis), offset: 14),
        Invalid(text: "City = Paris)", kind: .unexpectedToken(")", expected: .operatorOrEnd), offset: 12),
        Invalid(text: "City = Paris and", kind: .unexpectedEnd(expected: .key), offset: 16),
        Invalid(text: "City = Paris or or", kind: .unexpectedToken("or", expected: .key), offset: 16),
        Invalid(text: "and = x", kind: .unexpectedToken("and", expected: .key), offset: 0),
        Invalid(text: "City = and", kind: .unexpectedToken("and", expected: .value), offset: 7),
        Invalid(text: "City != Paris", kind: .unexpectedCharacter("!"), offset: 5),
        Invalid(text: "Seniority < 3", kind: .unexpectedCharacter("<"), offset: 10),
        Invalid(text: "Department = \"Human", kind: .unterminatedString, offset: 13),
        Invalid(text: #"A = "x\"#, kind: .unterminatedString, offset: 4),
        Invalid(text: #"A = "x\n""#, kind: .invalidEscape("n"), offset: 6),
        Invalid(text: "A = \"\"", kind: .emptyString, offset: 4),
        Invalid(text: "Ville = Château !", kind: .unexpectedCharacter("!"), offset: 16),
        Invalid(text: String(repeating: "(", count: 40) + "a = 1" + String(repeating: ")", count: 40),
                kind: .tooDeeplyNested(limit: AudienceExpressionParser.nestingLimit), offset: AudienceExpressionParser.nestingLimit),
        Invalid(text: String(repeating: "not ", count: 40) + "a = 1",
                kind: .tooDeeplyNested(limit: AudienceExpressionParser.nestingLimit), offset: 4 * AudienceExpressionParser.nestingLimit),
    ]

    @Test(arguments: invalid)
    func reportsErrorsWithPositions(_ row: Invalid) {
        #expect(throws: AudienceExpressionError(row.kind, at: row.offset)) { try AudienceExpressionParser.parse(row.text) }
    }

    @Test("the nesting limit itself is accepted")
    func nestingLimitAccepted() throws {
        let limit = AudienceExpressionParser.nestingLimit
        let text = String(repeating: "(", count: limit) + "a = 1" + String(repeating: ")", count: limit)
        #expect(try AudienceExpressionParser.parse(text) == Self.eq("a", "1"))
    }

    @Test("error messages count characters from 1 and name what was expected")
    func errorDescription() {
        let error = AudienceExpressionError(.unexpectedToken("Lyon", expected: .operatorOrEnd), at: 13)
        #expect(error.description == "at character 14: expected `and`, `or` or the end, found `Lyon`")
    }

    @Test("random expressions print and parse back to themselves, and survive JSON")
    func randomRoundTrip() throws {
        var random = FixtureRandom(seed: 42)
        let words = ["Paris", "Human Resources", "and", "OR", "in", "x\"y", #"back\slash"#, "Saint-Étienne", "a,b", "(", "=",
                     "R&D", "  padded ", "🙂", "ÉTÉ", "not"]
        func value() -> String { words[Int(random.next() % UInt64(words.count))] }
        func key() -> CategoryKey { CategoryKey(["City", "department", "Cost center", "in", "jobTitle"][Int(random.next() % 5)]) }
        func expression(_ depth: Int) -> AudienceExpression {
            switch depth == 0 ? random.next() % 2 : random.next() % 5 {
            case 0: return .equals(key: key(), value: value())
            case 1: return .oneOf(key: key(), values: (0...(random.next() % 3)).map { _ in value() })
            case 2: return .not(expression(depth - 1))
            case 3: return .and((0...(1 + random.next() % 2)).map { _ in expression(depth - 1) })
            default: return .or((0...(1 + random.next() % 2)).map { _ in expression(depth - 1) })
            }
        }
        for _ in 0..<300 {
            let original = expression(4)
            #expect(try AudienceExpressionParser.parse(original.description) == original, "\(original)")
            let json = try JSONEncoder().encode(Audience.categories(original))
            #expect(try JSONDecoder().decode(Audience.self, from: json) == .categories(original))
        }
    }

    @Test("a stored expression that no longer parses fails to decode")
    func corruptStoredExpression() {
        let json = Data(#"{"categories":{"_0":"City ="}}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Audience.self, from: json) }
    }
}

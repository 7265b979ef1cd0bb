import Foundation
import Testing
@testable import Coffee

@Suite("Audience expressions — the folding that compares category keys and values")
struct AudienceFoldingTests {
    /// What `AudienceExpression.folded` must equal for every text: Foundation's trimming of
    /// white space and newlines, then `lowercased()`.
    static func reference(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    static let samples: [String] = [
        "", " ", "\t\n", "Paris", "paris", "PARIS", "  Department 12 ", "department 12", "\tSales\r\n", "Cost-Center_42",
        "a\u{0B}", "\u{0C}b", "x y", "Z", "@[`{", "Équipe", " Équipe ", "ÉQUIPE", "\u{00A0}Lyon\u{00A0}", "\u{0085}Nice",
        "Straße", "İstanbul", "\u{2003}Tokyo\u{3000}", "東京", "Ünïcödé ", "a\u{1C}", "\u{1F}b", "\u{7F}",
    ]

    @Test("every ASCII character alone, around and inside a word folds as Foundation trims and lowercases")
    func everyASCIICharacter() {
        for scalar in (0..<128).compactMap(Unicode.Scalar.init) {
            let character = String(Character(scalar))
            for text in [character, character + "Ab" + character, "a" + character + "B", character + character + "Word"] {
                #expect(AudienceExpression.folded(text) == Self.reference(text), "\(Array(text.utf8))")
            }
        }
    }

    @Test("samples beyond ASCII, and mixed, fold as the reference", arguments: samples)
    func samplesFoldAsReference(_ text: String) {
        #expect(AudienceExpression.folded(text) == Self.reference(text))
    }

    @Test("matching uses the folding on both sides: spaces and case around values and keys do not matter")
    func matchingFolds() throws {
        let expression = try AudienceExpression(parsing: #"department in ("Department 1", "  SALES ", Équipe)"#)
        #expect(expression.matches(CategoryValues(lists: ["Department": ["department 1"]])))
        #expect(expression.matches(CategoryValues(lists: [" DEPARTMENT ": ["sales"]])))
        #expect(expression.matches(CategoryValues(lists: ["department": ["ÉQUIPE"]])))
        #expect(!expression.matches(CategoryValues(lists: ["department": ["Department 2"]])))
        #expect(!expression.matches(CategoryValues(lists: ["title": ["Department 1"]])))
    }

    @Test("two texts compare equal exactly when their foldings are equal, for every pair of samples and ASCII variants")
    func foldedEqualAgreesWithFolding() {
        let texts = Self.samples + ["PARIS ", " paris", "Paris\t", "pari", "parisx", "K", "\u{212A}", "k", "i", "I", "ı", "ss", "SS"]
        for a in texts {
            for b in texts {
                #expect(AudienceExpression.foldedEqual(a, b) == (Self.reference(a) == Self.reference(b)), "\(a.debugDescription) \(b.debugDescription)")
            }
        }
    }

    /// Matching as it was written before it compared without allocating (issue 10): the
    /// member's folded values for the key as a set, then each candidate folded.
    static func referenceMatches(_ expression: AudienceExpression, _ values: CategoryValues) -> Bool {
        func memberValues(_ key: CategoryKey) -> Set<String> {
            var result = Set<String>()
            for (candidate, list) in values.lists where reference(candidate) == reference(key.rawValue) {
                for value in list { result.insert(reference(value)) }
            }
            return result
        }
        switch expression {
        case .equals(let key, let value): return memberValues(key).contains(reference(value))
        case .oneOf(let key, let candidates): return candidates.contains { memberValues(key).contains(reference($0)) }
        case .not(let operand): return !referenceMatches(operand, values)
        case .and(let operands): return operands.allSatisfy { referenceMatches($0, values) }
        case .or(let operands): return operands.contains { referenceMatches($0, values) }
        }
    }

    @Test("matching agrees with the set-based reference on every expression and member of a table")
    func matchingAgreesWithReference() throws {
        let expressions = try [
            #"department = Sales"#, #"department = " SALES ""#, #"Department in (Sales, Équipe, "Cost Center 7")"#,
            #"title = "\#u{212A}elvin""#, #"city in (Paris, İstanbul) and not department = HR"#,
            #"city = paris or title in (Engineer, "STRASSE")"#, #"\#u{212A}ey = x"#, #"team in (a, b) and team in (b, c)"#,
        ].map { try AudienceExpression(parsing: $0) }
        let members: [CategoryValues] = [
            CategoryValues(), CategoryValues(lists: ["department": ["sales"]]), CategoryValues(lists: [" DEPARTMENT ": ["\tSales\n"]]),
            CategoryValues(lists: ["department": ["ÉQUIPE"], "city": ["PARIS"]]), CategoryValues(lists: ["Department": ["cost center 7"]]),
            CategoryValues(lists: ["title": ["kelvin"]]), CategoryValues(lists: ["title": ["Kelvin", "Engineer"], "city": ["i̇stanbul"]]),
            CategoryValues(lists: ["city": ["İstanbul"], "department": ["hr"]]), CategoryValues(lists: ["key": ["X"], "title": ["straße"]]),
            CategoryValues(lists: ["team": ["A", "B"]]), CategoryValues(lists: ["team": ["c"], "Team ": ["a"]]),
        ]
        for expression in expressions {
            for member in members {
                #expect(expression.matches(member) == Self.referenceMatches(expression, member), "\(expression) \(member.lists)")
            }
        }
    }
}

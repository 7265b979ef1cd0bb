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
}

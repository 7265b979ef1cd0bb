import Foundation
import Testing
@testable import Coffee

@Suite("Whitespace trimming — the same characters as Foundation's whitespacesAndNewlines")
struct WhitespaceTrimmingTests {
    static let samples = [
        "", " ", "\t\n\r", "Ada", "  Ada  ", "\u{00A0}Zoé\u{2003}", "\u{2028}x\u{2029}", "\u{0085}y\u{000B}\u{000C}",
        " inner  space ", "\u{3000}東京\u{3000}", "e\u{301} ", " \u{301}", "🎉 ", "\u{200B}zero-width\u{200B}",
    ]

    @Test("every sample trims as trimmingCharacters(in: .whitespacesAndNewlines) does", arguments: samples)
    func sameAsFoundation(sample: String) {
        #expect(sample.trimmingWhitespace() == sample.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("texts with printable ASCII at both ends, which skip the scalar scan, trim as Foundation does")
    func printableEnds() {
        let ends = ["!", "a", "~", "0", "\"", "Z"]
        let middles = ["", " ", "\u{200B}", "\u{00A0}", "é", "\u{301}", "\r\n", "x y"]
        for first in ends + [" ", "\u{7F}", "é", "\u{200B}"] {
            for middle in middles {
                for last in ends + ["\u{1F}", " ", "\u{301}", "\u{3000}"] {
                    let text = first + middle + last
                    #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
                }
            }
        }
    }
}

import Testing
@testable import Coffee

@Suite("Email addresses — the ASCII byte check agrees with the character check")
struct EmailAddressASCIITests {
    /// ASCII texts near every rule's edge: '@' counts, dots, hyphens, forbidden
    /// characters, line breaks ("\r\n" is one character), and the 64/254 length limits.
    static let texts: [String] = {
        let pieces = ["a", "Z", "0", "@", ".", "-", " ", "\r\n", "\n", "\r", "\"", "(", "<", "[", "\\", ";", "+", "'",
                      "_", "\u{7F}", "\t", "example.com", "@b.co", "..", "-x"]
        var texts = ["", "a@b.co", "ada@example.com", "a@b", "@", "a@", "@b.co", "a@b..co", "a@-b.co", "a@b-.co",
                     "a\r\n@b.co", "a@b.co\r\n", String(repeating: "a", count: 64) + "@b.co",
                     String(repeating: "a", count: 65) + "@b.co", String(repeating: "a", count: 63) + "\r\n@b.co",
                     "a@" + String(repeating: "b", count: 63) + ".co", "a@" + String(repeating: "b", count: 64) + ".co",
                     "a@" + String(repeating: "b.", count: 125) + "co", "a@" + String(repeating: "b.", count: 126) + "co",
                     "a@" + String(repeating: "b.", count: 125) + "c\r\n"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<20000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var text = ""
            for step in 0..<(Int(state >> 59) % 12) {
                text += pieces[Int((state >> UInt64(step * 5)) & 0xFFFF) % pieces.count]
            }
            texts.append(text)
        }
        return texts
    }()

    @Test("same answer on every ASCII text; nil for any other")
    func agrees() {
        var accepted = 0
        for text in Self.texts {
            let ascii = text.utf8.withContiguousStorageIfAvailable(EmailAddress.isValidASCII) ?? nil
            #expect(ascii == EmailAddress.isValidText(text), "\(text.debugDescription)")
            if ascii == true { accepted += 1 }
        }
        #expect(accepted > 50)  // the corpus reaches valid addresses too
        for text in ["zoé@exemple.fr", "a@b.co\u{301}", "a\u{0600}@b.co"] {
            #expect(text.utf8.withContiguousStorageIfAvailable(EmailAddress.isValidASCII) ?? nil == nil)
            #expect(EmailAddress.isValid(text) == EmailAddress.isValidText(text))
        }
    }
}

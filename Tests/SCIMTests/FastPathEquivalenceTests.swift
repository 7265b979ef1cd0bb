import Testing
@testable import SCIM

/// The byte-level fast paths of the request path (issue 10) against the character-level
/// rules they stand for: same answer on every text tried, ASCII and not.
@Suite("SCIM fast paths agree with the character-level rules")
struct FastPathEquivalenceTests {
    /// Texts made of the bytes where the rules differ: case pairs, punctuation that is
    /// 0x20 away from a letter, whitespace, line breaks, and non-ASCII that lowercases
    /// to ASCII (KELVIN SIGN) or that joins the next character (a combining accent).
    static let corpus: [String] = {
        let pieces = ["u", "U", "r", "n", ":", "a", "A", "@", "`", "[", "{", " ", "\t", "\r\n", "\n", ".", "-",
                      "\u{212A}", "é", "\u{301}", "\u{0600}", "\"", "\\", "\u{1F}", "\u{7F}", "z", "0"]
        var texts: [String] = ["", "urn:", "URN:", "userName", "USERNAME", "meta", "urn:ietf:params:scim:schemas:core:2.0:User"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<4000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var text = ""
            for step in 0..<Int(state >> 60) {
                text += pieces[Int((state >> UInt64(step * 4)) & 0xFFFF) % pieces.count]
            }
            texts.append(text)
        }
        return texts
    }()

    @Test("startsDifferentlyIgnoringCase only when the lowercased texts start differently")
    func startsDifferently() {
        for lhs in Self.corpus.prefix(400) {
            for rhs in Self.corpus.prefix(400) where lhs.startsDifferentlyIgnoringCase(from: rhs) {
                #expect(lhs.lowercased().unicodeScalars.first != rhs.lowercased().unicodeScalars.first, "\(lhs) \(rhs)")
                #expect(!lhs.equalsIgnoringCase(rhs))
            }
        }
    }

    @Test("equalsIgnoringCase agrees with comparing lowercased texts")
    func equalsIgnoringCase() {
        let words = Self.corpus.prefix(300) + ["USERNAME", "username", "\u{212A}elvin", "kelvin", "a[b", "A{B"]
        for lhs in words {
            for rhs in words {
                #expect(lhs.equalsIgnoringCase(rhs) == (lhs.lowercased() == rhs.lowercased()), "\(lhs) \(rhs)")
            }
        }
    }

    @Test("URN bytes: the same answer as URN characters, for every byte and every text")
    func urnBytes() {
        for byte in UInt8(0)...0x7F {
            #expect(AttributePath.isURNByte(byte) == AttributePath.isURNCharacter(Character(Unicode.Scalar(byte))))
        }
        for text in Self.corpus {
            #expect(text.utf8.allSatisfy(AttributePath.isURNByte) == text.allSatisfy(AttributePath.isURNCharacter), "\(text)")
        }
    }

    @Test("trimmed: the printable-ASCII shortcut returns what the character scan does")
    func trimmed() {
        func reference(_ text: String) -> String? {
            guard let first = text.firstIndex(where: { !$0.isWhitespace }),
                  let last = text.lastIndex(where: { !$0.isWhitespace }) else { return nil }
            return String(text[first...last])
        }
        for text in Self.corpus + ["Engineer", " Engineer", "Engineer\r\n", "\u{0600}a", "a\u{301}", "CC-42"] {
            #expect(AttributeValueReader.trimmed(text) == reference(text), "\(text.debugDescription)")
        }
    }

    @Test("mayNeedEscape is never false for a word holding a quote, a backslash or a control byte")
    func escapeWords() {
        for byte in UInt8(0)...0xFF {
            let needs = byte < 0x20 || byte == 0x22 || byte == 0x5C
            for position in 0..<8 {
                for fill: UInt8 in [0x41, 0x00, 0xFF, 0x20, 0x5B] {
                    var bytes = [UInt8](repeating: fill, count: 8)
                    bytes[position] = byte
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    let fillNeeds = fill < 0x20
                    if needs || fillNeeds { #expect(JSONWriter.mayNeedEscape(word), "\(byte) at \(position) in \(fill)") }
                    if !needs, !fillNeeds { #expect(!JSONWriter.mayNeedEscape(word), "\(byte) at \(position) in \(fill)") }
                }
            }
        }
    }

    @Test("strings escape the same at any offset from an eight-byte boundary")
    func escapesAtEveryOffset() throws {
        for escape in ["\"", "\\", "\n", "\u{01}", "\u{1F}", "é\t"] {
            for offset in 0..<20 {
                let text = String(repeating: "a", count: offset) + escape + String(repeating: "b", count: 19 - offset)
                let encoded = JSONValue.string(text).encodedString()
                #expect(try JSONParser.parse(Array(encoded.utf8)) == .string(text), "\(encoded)")
                var expected = "\""
                for scalar in text.unicodeScalars {
                    switch scalar {
                    case "\"": expected += "\\\""
                    case "\\": expected += "\\\\"
                    case "\n": expected += "\\n"
                    case "\t": expected += "\\t"
                    case "\u{01}": expected += "\\u0001"
                    case "\u{1F}": expected += "\\u001f"
                    default: expected.unicodeScalars.append(scalar)
                    }
                }
                #expect(encoded == expected + "\"")
            }
        }
    }
}

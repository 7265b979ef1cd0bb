import Testing
import Coffee

@Suite("A tenant's name — trimmed, one line, 1 to 100 characters")
struct TenantNameTests {
    @Test("accepted names, trimmed", arguments: [
        ("acme", "acme"),
        ("  Acme Corp\t", "Acme Corp"),
        ("acme\r\n", "acme"),  // a line break at either end is trimmed, as a pasted name has it
        ("Café Crème", "Café Crème"),
        ("株式会社コーヒー", "株式会社コーヒー"),
        ("dev 👩‍💻 team", "dev 👩‍💻 team"),  // an emoji sequence joined by U+200D stays
        (String(repeating: "x", count: 100), String(repeating: "x", count: 100)),
        (String(repeating: "é", count: 100), String(repeating: "é", count: 100)),  // characters, not bytes
    ])
    func accepted(raw: String, name: String) throws {
        #expect(try TenantName.validated(raw) == name)
    }

    @Test("refused names", arguments: [
        ("", TenantName.Refusal.empty),
        (" \t\n ", .empty),
        ("\u{200B}", .empty),
        (String(repeating: "x", count: 101), .tooLong(101)),
        ("acme\nEvil: header", .controlCharacter),
        ("ac\u{0}me", .controlCharacter),
        ("ac\tme", .controlCharacter),
        ("ac\u{1B}[31mme", .controlCharacter),
        ("ac\u{2028}me", .controlCharacter),
        ("ac\u{2029}me", .controlCharacter),
        ("invoice\u{202E}fdp.exe", .controlCharacter),
        ("a\u{2066}b\u{2069}", .controlCharacter),
    ])
    func refused(raw: String, refusal: TenantName.Refusal) {
        #expect(throws: refusal) { try TenantName.validated(raw) }
    }
}

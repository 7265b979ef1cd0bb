import Testing
import SCIM

@Suite("String.equalsIgnoringCase — attribute names and URNs (RFC 7643 §2.1)")
struct EqualsIgnoringCaseTests {
    static let cases: [(String, String, Bool)] = [
        ("userName", "USERNAME", true),
        ("userName", "username", true),
        ("userName", "userNames", false),
        ("name", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", false),
        ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
         "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER", true),
        ("a[b", "A{B", false),             // '[' and '{' differ by 0x20 but are not letters
        ("@", "`", false),
        ("", "", true),
        ("Élise", "élise", true),          // non-ASCII: Unicode case mapping
        ("Élise", "Elise", false),
        ("\u{212A}elvin", "kelvin", true), // KELVIN SIGN lowercases to ASCII 'k' (lengths differ)
        ("straße", "STRASSE", false),      // lowercasing, not case folding
        ("ÀB", "àb", true),
        ("ÀB", "àc", false),
    ]

    @Test("agrees with comparing lowercased strings", arguments: cases)
    func table(_ lhs: String, _ rhs: String, _ expected: Bool) {
        #expect(lhs.equalsIgnoringCase(rhs) == expected)
        #expect(rhs.equalsIgnoringCase(lhs) == expected)
        #expect(expected == (lhs.lowercased() == rhs.lowercased()))
    }

    @Test("bridged and substring-made strings compare the same way")
    func nonNative() {
        let sub = "xxUSERNAMExx".dropFirst(2).dropLast(2)
        #expect(String(sub).equalsIgnoringCase("userName"))
    }
}

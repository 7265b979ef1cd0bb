import Testing
@testable import Coffee

@Suite("Email addresses — validation and case-insensitive matching")
struct EmailAddressTests {
    @Test(arguments: ["ada@example.com", "Ada.Lovelace+coffee@Example.CO.UK", " padded@example.com ", "o'neil@example.ie", "x@a-b.io", "zoé@exemple.fr"])
    func accepts(text: String) throws {
        let email = try EmailAddress(text)
        #expect(email.normalized == text.trimmingCharacters(in: .whitespaces).lowercased())
    }

    @Test(arguments: ["", "ada", "ada@", "@example.com", "ada@example", "a@b@example.com", "ada lovelace@example.com",
                      "ada@exa mple.com", "ada@-example.com", "ada@example..com", ".ada@example.com", "ada.@example.com",
                      "a..b@example.com", "ada@exam\nple.com", "<ada@example.com>", String(repeating: "a", count: 65) + "@example.com"])
    func rejects(text: String) {
        #expect(throws: MemberError.invalidEmail(text)) { try EmailAddress(text) }
    }

    @Test("addresses compare and hash case-insensitively; the domain is lowercased")
    func caseInsensitive() throws {
        let a = try EmailAddress("Ada@Example.com"), b = try EmailAddress("ada@EXAMPLE.COM")
        #expect(a == b && Set([a, b]).count == 1)
        #expect(a.domain == "example.com" && a.rawValue == "Ada@Example.com")
    }
}

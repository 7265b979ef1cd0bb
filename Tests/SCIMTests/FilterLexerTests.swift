import Testing
@testable import SCIM

@Suite("Filter tokens — RFC 7644 §3.4.2.2, JSON values per RFC 7159")
struct FilterLexerTests {
    static let cases: [(String, [FilterToken.Kind], [Int])] = [
        (#"userName eq "x""#, [.word("userName"), .word("eq"), .string("x"), .end], [0, 9, 12, 15]),
        ("a pr", [.word("a"), .word("pr"), .end], [0, 2, 4]),
        ("(a)", [.leftParen, .word("a"), .rightParen, .end], [0, 1, 2, 3]),
        (#"e[t eq "w"].v"#, [.word("e"), .leftBracket, .word("t"), .word("eq"), .string("w"), .rightBracket, .word(".v"), .end],
         [0, 1, 2, 4, 7, 10, 11, 13]),
        ("n eq -1", [.word("n"), .word("eq"), .number(.integer(-1)), .end], [0, 2, 5, 7]),
        ("n eq 1.25", [.word("n"), .word("eq"), .number(.decimal(1.25)), .end], [0, 2, 5, 9]),
        ("n eq 2E2", [.word("n"), .word("eq"), .number(.decimal(200)), .end], [0, 2, 5, 8]),
        ("urn:a:b:2.0:User:x.y pr", [.word("urn:a:b:2.0:User:x.y"), .word("pr"), .end], [0, 21, 23]),
        ("m.$ref pr", [.word("m.$ref"), .word("pr"), .end], [0, 7, 9]),
        (#""é" "\u0041""#, [.string("é"), .string("A"), .end], [0, 4, 12]),
        ("\t a \n", [.word("a"), .end], [2, 5]),
        ("", [.end], [0]),
    ]

    @Test("splits text into tokens at their character offsets", arguments: cases)
    func tokenises(text: String, kinds: [FilterToken.Kind], offsets: [Int]) throws {
        let tokens = try FilterLexer.tokenize(text)
        #expect(tokens.map(\.kind) == kinds)
        #expect(tokens.map(\.offset) == offsets)
    }

    @Test("rejects characters outside the grammar with their position", arguments: [
        ("a ! b", 3), ("a {", 3), ("a eq 'x'", 6), ("\u{0}", 1), ("a eq 0x1", 6), ("a eq 1.5.5", 6),
    ])
    func rejects(text: String, column: Int) {
        let error = #expect(throws: SCIMError.self) { try FilterLexer.tokenize(text) }
        #expect(error?.detail.contains("at character \(column))") == true, "\(error?.detail ?? "")")
    }
}

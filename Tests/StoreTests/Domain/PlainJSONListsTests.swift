import Foundation
import Testing
@testable import Store

@Suite("PlainJSONLists — the member row's JSON columns read straight from their bytes")
struct PlainJSONListsTests {
    static func foundationStrings(_ text: String) throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    static func foundationLists(_ text: String) throws -> [String: [String]] {
        try JSONDecoder().decode([String: [String]].self, from: Data(text.utf8))
    }

    @Test("plainly written lists of strings read as JSONDecoder reads them",
          arguments: ["[]", #"[""]"#, #"["ada@example.com"]"#, #"["a","b","c"]"#, #"["Zoé 東京 🎉","e\#u{301}"]"#,
                      #"["/","'",":{}[],"]"#])
    func strings(_ text: String) throws {
        #expect(PlainJSONLists.strings(text) == (try Self.foundationStrings(text)))
        #expect(try JSONText.decode(text) == (try Self.foundationStrings(text)))
    }

    @Test("plainly written lists by key read as JSONDecoder reads them",
          arguments: ["{}", #"{"department":["Department 3"]}"#, #"{"a":[],"b":["x","y"],"c":[""]}"#,
                      #"{"Team":["a"],"team":["b"]}"#, #"{"Départ":["R&D","東京"],"":["empty key"]}"#])
    func lists(_ text: String) throws {
        #expect(PlainJSONLists.lists(text) == (try Self.foundationLists(text)))
        #expect(try JSONText.decode(text) == (try Self.foundationLists(text)))
    }

    @Test("anything not plainly written is left to the parser, which reads it as before",
          arguments: [#"["quote \" inside"]"#, #"["a\nb"]"#, #"["\u00e9"]"#, #"[ "a"]"#, #"["a" ]"#, #"["a",]"#, "[1]",
                      #"["a"]x"#, #"["a""#, "[", "", #"{"a":["x"],"a":["y"]}"#, #"{"a":"x"}"#, #"{"a":["x"] }"#,
                      #"{"a\"b":["x"]}"#, "{\"tab\":[\"a\tb\"]}", #"{"a":["x"],}"#])
    func notPlain(_ text: String) throws {
        #expect(PlainJSONLists.strings(text) == nil)
        #expect(PlainJSONLists.lists(text) == nil)
        if let expected = try? Self.foundationStrings(text) { #expect(try JSONText.decode(text) == expected) }
        if let expected = try? Self.foundationLists(text), !text.contains(#""a":["x"],"a""#) {
            #expect(try JSONText.decode(text) == expected)
        }
    }
}

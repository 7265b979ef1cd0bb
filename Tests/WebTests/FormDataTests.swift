import Testing
import Web

@Suite("application/x-www-form-urlencoded decoding")
struct FormDataTests {
    @Test("plus is a space, percent escapes are UTF-8 bytes, order and repeats are kept")
    func decoding() throws {
        let form = try FormData(body: Array("email=ann%2Bx%40example.com&name=Zo%C3%A9+Dupont&i=a&i=b&empty=&flag&=v".utf8))
        #expect(form["email"] == "ann+x@example.com")
        #expect(form["name"] == "Zoé Dupont")
        #expect(form.values(for: "i") == ["a", "b"])
        #expect(form["empty"] == "" && form["flag"] == "" && form[""] == "v")
        #expect(form["missing"] == nil && form.values(for: "missing").isEmpty)
        #expect(form.fields.map(\.name) == ["email", "name", "i", "i", "empty", "flag", ""])
    }

    @Test("empty bodies and stray ampersands give no fields")
    func empty() throws {
        #expect(try FormData(body: []).fields.isEmpty)
        #expect(try FormData(query: "&&").fields.isEmpty)
    }

    @Test("hostile values decode to exactly what was sent")
    func hostile() throws {
        let form = try FormData(query: "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&r=%22%3E%3Cimg%20src%3Dx%3E&n=%00")
        #expect(form["q"] == "<script>alert(1)</script>")
        #expect(form["r"] == "\"><img src=x>")
        #expect(form["n"] == "\u{0}")
    }

    @Test("malformed bodies are refused with a clear error", arguments: [
        ("a=%", FormDecodingError.malformedPercentEncoding),
        ("a=%4", .malformedPercentEncoding),
        ("a=%zz", .malformedPercentEncoding),
        ("a=%C3%28", .invalidUTF8),
        ("a=%FF", .invalidUTF8),
    ])
    func malformed(body: String, expected: FormDecodingError) {
        #expect(throws: expected) { try FormData(query: body) }
    }

    @Test("size and field-count limits")
    func limits() throws {
        let limits = FormData.Limits(maximumBytes: 20, maximumFields: 3)
        #expect(throws: FormDecodingError.bodyTooLarge(limit: 20)) { try FormData(query: String(repeating: "a", count: 21), limits: limits) }
        #expect(throws: FormDecodingError.tooManyFields(limit: 3)) { try FormData(query: "a&b&c&d", limits: limits) }
        #expect(try FormData(query: "a&b&c", limits: limits).fields.count == 3)
        #expect(FormDecodingError.tooManyFields(limit: 3).description == "The form has more than 3 fields.")
        #expect(FormData.Limits.portal.maximumBytes == 65_536)
    }
}

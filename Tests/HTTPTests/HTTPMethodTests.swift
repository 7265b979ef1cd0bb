import Testing
@testable import HTTP

@Suite("HTTP methods — RFC 9110 §9.1")
struct HTTPMethodTests {
    @Test("method tokens are case-sensitive")
    func caseSensitive() {
        #expect(HTTPMethod("GET") == .get)
        #expect(HTTPMethod("get") == .other("get"))
    }
}

import Testing
import Web

@Suite("Cookies — Cookie parsing and Set-Cookie flags")
struct CookieTests {
    @Test("the Cookie header: pairs, spaces, quotes, first occurrence wins, junk ignored")
    func parsing() {
        let cookies = CookieHeader("session=abc123; lang=fr;theme=\"dark\"; session=other; junk; =x; empty=")
        #expect(cookies["session"] == "abc123")
        #expect(cookies["lang"] == "fr")
        #expect(cookies["theme"] == "dark")
        #expect(cookies["empty"] == "")
        #expect(cookies["junk"] == nil && cookies[""] == nil)
        #expect(CookieHeader(nil).cookies.isEmpty)
        #expect(CookieHeader(["a=1", "b=2; a=3"]).cookies == ["a": "1", "b": "2"])
    }

    @Test("Set-Cookie carries Path, Max-Age, HttpOnly, SameSite=Lax, and Secure for https")
    func building() throws {
        let secure = try #require(SetCookie(name: "percolator_session", value: "opaque-ID_1", maxAge: 3600, isSecure: true))
        #expect(secure.headerValue == "percolator_session=opaque-ID_1; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax; Secure")
        let plain = try #require(SetCookie(name: "s", value: "v", maxAge: nil, isSecure: false))
        #expect(plain.headerValue == "s=v; Path=/; HttpOnly; SameSite=Lax")
        let deletion = try #require(SetCookie.deletion(name: "s", isSecure: true))
        #expect(deletion.headerValue == "s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure")
        #expect(SetCookie(name: "s", value: "v", maxAge: -5, isSecure: false)?.maxAge == 0)
    }

    @Test("names and values that could split or extend the header are refused", arguments: [
        ("s", "a;b"), ("s", "a\r\nSet-Cookie: x=y"), ("s", "a b"), ("s", "a,b"), ("s", "\"q\""), ("s", "é"),
        ("s;x", "v"), ("", "v"), ("s=", "v"), ("s\n", "v"),
    ])
    func refused(name: String, value: String) {
        #expect(SetCookie(name: name, value: value, maxAge: nil, isSecure: false) == nil)
    }

    @Test("Secure follows the public URL's scheme")
    func secureFlag() {
        #expect(SetCookie.isSecure(publicURL: "https://coffee.example.com"))
        #expect(SetCookie.isSecure(publicURL: "HTTPS://coffee.example.com/"))
        #expect(!SetCookie.isSecure(publicURL: "http://127.0.0.1:8080"))
    }
}

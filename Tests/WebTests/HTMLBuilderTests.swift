import Testing
@testable import Web

@Suite("HTML builder — escaping by construction")
struct HTMLBuilderTests {
    @Test("text is escaped", arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (#""><img src=x onerror=alert(1)>"#, #""&gt;&lt;img src=x onerror=alert(1)&gt;"#),
        ("Tom & Jerry's", "Tom &amp; Jerry's"),
        ("&amp;", "&amp;amp;"),
        ("a\u{0}b\u{7}c\u{1B}d\u{7F}e\u{85}f", "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f"),
        ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),
        ("مريم \u{202E}evil", "مريم \u{202E}evil"),
    ])
    func text(input: String, expected: String) {
        #expect(HTMLNode.text(input).render() == expected)
    }

    @Test("Unicode noncharacters become U+FFFD")
    func noncharacters() throws {
        for value: UInt32 in [0xFFFE, 0xFFFF, 0xFDD0, 0x1FFFE] {
            let scalar = try #require(Unicode.Scalar(value))
            #expect(HTMLNode.text("a" + String(Character(scalar)) + "b").render() == "a\u{FFFD}b")
        }
    }

    @Test("attribute values are escaped inside double quotes", arguments: [
        (#""><img src=x onerror=alert(1)>"#, #"<input value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">"#),
        ("' onmouseover='x", "<input value=\"&#39; onmouseover=&#39;x\">"),
        ("a&b", "<input value=\"a&amp;b\">"),
        ("nul\u{0}", "<input value=\"nul\u{FFFD}\">"),
    ])
    func attribute(input: String, expected: String) {
        #expect(HTMLNode.el(.input, [.value(input)]).render() == expected)
    }

    @Test("void elements have no end tag and drop children; others always close")
    func voidElements() {
        #expect(HTMLNode.el(.br, [], [.text("x")]).render() == "<br>")
        #expect(HTMLNode.el(.input, [.type("checkbox"), .checked]).render() == "<input type=\"checkbox\" checked>")
        #expect(HTMLNode.el(.p).render() == "<p></p>")
        #expect(HTMLNode.el(.div, [.class("a")], [.el(.span, text: "x"), .text("y")]).render() == "<div class=\"a\"><span>x</span>y</div>")
    }

    @Test("right-to-left text is isolated")
    func isolation() {
        #expect(HTMLNode.isolated("مريم").render() == "<bdi>مريم</bdi>")
    }

    @Test("URL attributes keep relative paths and http(s)/mailto, and drop other schemes", arguments: [
        ("/profile?x=1", "/profile?x=1"), ("#main", "#main"), ("assets/a.css", "assets/a.css"),
        ("https://example.com/a", "https://example.com/a"), ("mailto:ann@example.com", "mailto:ann@example.com"),
        ("/a:b", "/a:b"), ("?q=a:b", "?q=a:b"),
        ("javascript:alert(1)", "about:blank"), ("JaVaScRiPt:alert(1)", "about:blank"), ("  javascript:x", "about:blank"),
        ("java\tscript:x", "about:blank"), ("data:text/html,x", "about:blank"), ("vbscript:x", "about:blank"),
    ])
    func urls(input: String, expected: String) {
        #expect(HTMLAttribute.href(input).value == expected)
        #expect(HTMLAttribute.action(input).value == expected)
    }

    @Test("tag and attribute names outside [a-z][a-z0-9-]* are refused")
    func names() {
        #expect(HTMLTag("div") != nil && HTMLTag("h1") != nil && HTMLTag("my-element") != nil)
        #expect(HTMLTag("Div") == nil && HTMLTag("img src=x") == nil && HTMLTag("") == nil && HTMLTag("1a") == nil)
        #expect(HTMLAttribute(name: "onclick x", value: "") == nil && HTMLAttribute(name: "data-x", value: "1") != nil)
    }

    @Test("a document starts with the doctype and carries lang, charset and viewport")
    func document() {
        let html = HTMLDocument(language: "fr", title: "<T>", body: [.text("x")]).render()
        #expect(html == "<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>&lt;T&gt;</title></head><body>x</body></html>\n")
    }
}

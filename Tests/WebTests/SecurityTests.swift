import Testing
import Web

@Suite("CSRF, origins, redirects and security headers")
struct SecurityTests {
    @Test("CSRF tokens match only when equal, and never when the expected token is empty", arguments: [
        ("abc", "abc", true), ("abd", "abc", false), ("ab", "abc", false), ("abcd", "abc", false),
        (nil, "abc", false), ("", "", false), ("", "abc", false), ("é", "é", true),
    ])
    func csrf(presented: String?, expected: String, matches: Bool) {
        #expect(CSRFToken.matches(presented: presented, expected: expected) == matches)
    }

    @Test("public origins are normalised the way browsers send Origin", arguments: [
        ("https://Coffee.Example.com/portal?x", "https://coffee.example.com"),
        ("https://coffee.example.com:443", "https://coffee.example.com"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ("http://example.com:80", "http://example.com"),
    ])
    func origins(url: String, expected: String) {
        #expect(PublicOrigin(publicURL: url)?.serialized == expected)
    }

    @Test("non-http public URLs have no origin")
    func badOrigins() {
        #expect(PublicOrigin(publicURL: "ftp://example.com") == nil)
        #expect(PublicOrigin(publicURL: "/relative") == nil)
        #expect(PublicOrigin(publicURL: "null") == nil)
    }

    @Test("Origin and Sec-Fetch-Site checks", arguments: [
        (nil, nil, true),
        ("https://coffee.example.com", nil, true),
        ("https://coffee.example.com", "same-origin", true),
        (nil, "none", true),
        (nil, "same-origin", true),
        ("https://evil.example", nil, false),
        ("https://coffee.example.com.evil.example", nil, false),
        ("http://coffee.example.com", nil, false),
        ("https://coffee.example.com:8443", nil, false),
        ("null", nil, false),
        (nil, "cross-site", false),
        (nil, "same-site", false),
        ("https://coffee.example.com", "cross-site", false),
        ("", "", true),
    ])
    func originCheck(origin: String?, site: String?, allowed: Bool) throws {
        let publicOrigin = try #require(PublicOrigin(publicURL: "https://coffee.example.com/"))
        let verdict = RequestOriginCheck.evaluate(origin: origin, secFetchSite: site, publicOrigin: publicOrigin)
        #expect((verdict == .allowed) == allowed)
    }

    @Test("redirects go only to our own relative paths", arguments: [
        ("/", true), ("/profile", true), ("/programs?x=1#a", true), ("/t/acme/matches", true),
        ("//evil.example", false), ("/\\evil.example", false), ("\\\\evil", false), ("https://evil.example", false),
        ("javascript:alert(1)", false), ("profile", false), ("", false), ("/a\r\nSet-Cookie: x=y", false),
        ("/\t/evil.example", false), ("/a b", false), ("/a\\b", false), ("/\u{0}", false),
        ("/" + String(repeating: "a", count: 2048), false),
    ])
    func redirects(candidate: String, safe: Bool) {
        #expect(SafeRedirect.isSafe(candidate) == safe)
        #expect(SafeRedirect.target(candidate, fallback: "/home") == (safe ? candidate : "/home"))
    }

    @Test("a mailto: link names one address: ? & = % # and anything outside RFC 6068's qchar are percent-encoded", arguments: [
        ("ada@acme.example", "mailto:ada@acme.example"),
        ("ada.lovelace%40acme.example?bcc=spy@evil.example", "mailto:ada.lovelace%2540acme.example%3Fbcc%3Dspy@evil.example"),
        ("a&b=c#d@x.example", "mailto:a%26b%3Dc%23d@x.example"),
        ("o'neil+coffee@x.example", "mailto:o'neil+coffee@x.example"),
        ("zoé@exemple.fr", "mailto:zo%C3%A9@exemple.fr"),
        ("\"a b\"@x.example", "mailto:%22a%20b%22@x.example"),
        ("javascript:alert(1)", "mailto:javascript:alert(1)"),
    ])
    func mailto(address: String, uri: String) {
        #expect(MailtoURI.to(address) == uri)
    }

    @Test("the matches page's mail link carries no header fields an address smuggled in")
    func matchesMailLink() {
        let page = MatchesPage(current: [
            MatchCard(groupID: "g1", programName: "Coffee", sessionDate: "Thursday 3 December 2026",
                      partners: [MatchPartner(name: "Ada", email: "ada%40acme.example?bcc=spy@evil.example")],
                      comparisons: [], asksForFeedback: false),
        ], past: [])
        let html = page.document(in: SamplePages.context(.english, section: .matches)).render()
        #expect(html.contains("href=\"mailto:ada%2540acme.example%3Fbcc%3Dspy@evil.example\""), "\(html)")
        #expect(!html.contains("href=\"mailto:ada%40acme.example?bcc="), "the raw address is shown as text, not linked")
    }

    @Test("every page gets the CSP of web.md, nosniff, same-origin referrers and no-store")
    func pageHeaders() {
        let headers = Dictionary(uniqueKeysWithValues: SecurityHeaders.page.map { ($0.name, $0.value) })
        #expect(headers["Content-Security-Policy"] == "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
        #expect(headers["X-Content-Type-Options"] == "nosniff")
        #expect(headers["Referrer-Policy"] == "same-origin")
        #expect(headers["Cache-Control"] == "no-store")
    }
}

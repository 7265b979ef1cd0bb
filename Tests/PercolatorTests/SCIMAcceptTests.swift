import Testing
@testable import Percolator

@Suite("SCIMService.acceptsOnlyJSON — the Accept headers answered as application/json")
struct SCIMAcceptTests {
    @Test("only application/json, whatever its spaces, case and parameters", arguments: [
        ("application/json", true),
        ("  Application/JSON  ", true),
        ("application/json; charset=utf-8", true),
        (" application/json ;q=0.9", true),
        ("application/scim+json, application/json", false),
        ("application/json, text/html", false),
        ("application/scim+json", false),
        ("*/*", false),
        ("", false),
        (" , ", false),
    ])
    func acceptsOnlyJSON(_ accept: String, _ expected: Bool) {
        #expect(SCIMService.acceptsOnlyJSON(accept) == expected, "Accept: \(accept)")
    }
}

import Testing
@testable import SCIM

@Suite("dateTime values — RFC 7643 §2.3.5 (xsd:dateTime)")
struct SCIMDateTimeTests {
    @Test("valid xsd:dateTime values and their instants", arguments: [
        ("1970-01-01T00:00:00Z", 0.0),
        ("2008-01-23T04:56:22Z", 1_201_064_182.0),
        ("2008-01-23T05:56:22+01:00", 1_201_064_182.0),
        ("2008-01-22T23:56:22-05:00", 1_201_064_182.0),
        ("2008-01-23T04:56:22.5Z", 1_201_064_182.5),
        ("2008-01-23T04:56:22", 1_201_064_182.0),
        ("2000-02-29T00:00:00Z", 951_782_400.0),
        ("1969-12-31T23:59:59Z", -1.0),
    ])
    func parses(text: String, instant: Double) {
        #expect(SCIMDateTime.instant(of: text) == instant)
        #expect(SCIMDateTime.isValid(text))
    }

    @Test("invalid dateTime values are rejected", arguments: [
        "", "2008-01-23", "2008-01-23 04:56:22Z", "2008-13-01T00:00:00Z", "2001-02-29T00:00:00Z",
        "2008-01-32T00:00:00Z", "2008-01-23T25:00:00Z", "2008-01-23T04:60:00Z", "2008-01-23T04:56:22.Z",
        "2008-01-23T04:56:22+1:00", "2008-01-23T04:56:22ZZ", "08-01-23T04:56:22Z", "yesterday",
    ])
    func rejects(text: String) {
        #expect(!SCIMDateTime.isValid(text))
    }
}

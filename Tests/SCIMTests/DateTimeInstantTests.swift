import Testing
@testable import SCIM

@Suite("dateTime instants — RFC 7643 §2.3.5")
struct DateTimeInstantTests {
    static let parsed: [(String, Int64, Int32)] = [
        ("1970-01-01T00:00:00Z", 0, 0),
        ("1970-01-01T00:00:01Z", 1, 0),
        ("1969-12-31T23:59:59Z", -1, 0),
        ("2011-05-13T04:42:34Z", 1_305_261_754, 0),
        ("2011-05-13T04:42:34.5Z", 1_305_261_754, 500_000_000),
        ("2011-05-13T04:42:34.123456789Z", 1_305_261_754, 123_456_789),
        ("2011-05-13T04:42:34.1234567891Z", 1_305_261_754, 123_456_789),
        ("2011-05-13T06:42:34+02:00", 1_305_261_754, 0),
        ("2011-05-12T23:42:34-05:00", 1_305_261_754, 0),
        ("2011-05-13T10:12:34+05:30", 1_305_261_754, 0),
        ("2011-05-13T04:42:34", 1_305_261_754, 0),
        ("2011-05-13t04:42:34z", 1_305_261_754, 0),
        ("2000-02-29T00:00:00Z", 951_782_400, 0),
        ("2024-12-31T23:59:60Z", 1_735_689_599, 0),
        ("0001-01-01T00:00:00Z", -62_135_596_800, 0),
        ("9999-12-31T23:59:59Z", 253_402_300_799, 0),
    ]

    @Test("parses to seconds and nanoseconds since the epoch", arguments: parsed)
    func parses(text: String, seconds: Int64, nanoseconds: Int32) throws {
        let instant = try #require(DateTimeInstant(text))
        #expect(instant.seconds == seconds)
        #expect(instant.nanoseconds == nanoseconds)
    }

    @Test("rejects text that is not an xsd:dateTime", arguments: [
        "", "2011-05-13", "2011-05-13T04:42", "2011-13-01T00:00:00Z", "2011-00-01T00:00:00Z", "2011-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z", "2011-04-31T00:00:00Z", "2011-05-13T24:00:00Z", "2011-05-13T04:60:00Z",
        "2011-05-13T04:42:61Z", "2011-05-13 04:42:34Z", "2011-05-13T04:42:34.Z", "2011-05-13T04:42:34+0200",
        "2011-05-13T04:42:34+24:00", "2011-05-13T04:42:34ZZ", "11-05-13T04:42:34Z", "2011-5-13T04:42:34Z", "yesterday",
        "2011-05-13T04:42:34Q", "２０１１-05-13T04:42:34Z",
    ])
    func rejects(text: String) {
        #expect(DateTimeInstant(text) == nil)
    }

    @Test("orders instants in time, not text")
    func ordering() throws {
        let a = try #require(DateTimeInstant("2024-03-10T12:00:00+02:00"))
        let b = try #require(DateTimeInstant("2024-03-10T10:30:00Z"))
        let c = try #require(DateTimeInstant("2024-03-10T10:30:00.000000001Z"))
        #expect(a < b)
        #expect(b < c)
        #expect(a == DateTimeInstant("2024-03-10T10:00:00Z"))
    }
}

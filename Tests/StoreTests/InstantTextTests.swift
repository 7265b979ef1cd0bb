import Foundation
import SCIM
import Testing
@testable import Store

@Suite("InstantText — filter instants in the stored timestamp form")
struct InstantTextTests {
    @Test(arguments: [
        ("2026-11-24T20:03:57.123Z", "2026-11-24T20:03:57.123Z", true),
        ("2026-11-24T22:03:57.1234+02:00", "2026-11-24T20:03:57.123Z", false),
        ("2000-02-29T00:00:00-00:30", "2000-02-29T00:30:00.000Z", true),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z", true),
    ])
    func rendersUTCMilliseconds(input: String, expected: String, whole: Bool) throws {
        let instant = try #require(DateTimeInstant(input))
        let (text, isWhole) = try #require(InstantText.floorMilliseconds(instant))
        #expect(text == expected && isWhole == whole)
    }

    @Test("the stored form agrees with Timestamp")
    func agreesWithTimestamp() throws {
        let stamp = Timestamp.string(from: Date(timeIntervalSince1970: 1_800_000_000.25))
        let instant = try #require(DateTimeInstant(stamp))
        #expect(InstantText.floorMilliseconds(instant)?.0 == stamp)
    }
}

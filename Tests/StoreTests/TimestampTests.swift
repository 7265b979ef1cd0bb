import Foundation
import Testing
@testable import Store

@Suite("Stored timestamps — fixed-width ISO 8601 UTC with milliseconds")
struct TimestampTests {
    @Test("timestamps round-trip to the millisecond and sort as text")
    func roundTripAndOrder() throws {
        let date = Date(timeIntervalSince1970: 1_800_000_000.25)
        let text = Timestamp.string(from: date)
        #expect(text == "2027-01-15T08:00:00.250Z")
        let back = try #require(Timestamp.date(from: text))
        #expect(abs(back.timeIntervalSince(date)) < 0.001)
        let later = Timestamp.string(from: date.addingTimeInterval(0.5))
        #expect(text < later)
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 1_800_000_000)).hasSuffix(".000Z"))
        #expect(Timestamp.date(from: "yesterday") == nil)
    }
}

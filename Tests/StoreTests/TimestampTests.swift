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

    @Test("the arithmetic formatter and parser agree with Foundation's ISO 8601 (to the millisecond) on 20,000 instants from 1601 to 2399, and text reads back to itself")
    func agreesWithFoundation() throws {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC") ?? .gmt)
        var generator = SystemRandomNumberGenerator()
        var instants: [Double] = [0, -0.001, 951_782_400, 951_868_800, 4_107_542_400, -11_644_473_600, 13_569_465_599.999]
        for _ in 0..<20_000 { instants.append(Double(Int64.random(in: -11_644_473_600_000...13_569_465_599_999, using: &generator)) / 1_000) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            let text = Timestamp.string(from: date)
            // Foundation's own truncation of an inexact double may land one millisecond
            // lower; the calendar fields must otherwise agree.
            let foundation = try #require(try? style.parse(date.formatted(style)))
            let back = try #require(Timestamp.date(from: text), "\(text)")
            #expect(abs(back.timeIntervalSince(foundation)) < 0.0011, "\(text) vs \(date.formatted(style))")
            #expect(abs(back.timeIntervalSince1970 - seconds) < 0.001 + 1e-6, "\(text)")
            #expect(Timestamp.string(from: back) == text, "stored text reads back to itself: \(text)")
        }
    }

    @Test("text that is not a stored timestamp does not parse", arguments: [
        "", "2026-11-24T20:03:57Z", "2026-11-24 20:03:57.123Z", "2026-13-24T20:03:57.123Z", "2026-11-24T24:03:57.123Z",
        "2026-11-24T20:60:57.123Z", "2026-11-24T20:03:57.123+", "2026-11-2aT20:03:57.123Z", "2026-11-24T20:03:57.1234Z",
    ])
    func rejects(text: String) {
        #expect(Timestamp.date(from: text) == nil)
    }

    @Test("instants outside years 0000–9999, or not a number, are written as the nearest end of the range, never a trap", arguments: [
        (1_800_000_000.25, "2027-01-15T08:00:00.250Z"),
        (253_402_300_799.999_9, "9999-12-31T23:59:59.999Z"),
        (253_402_300_800.0, "9999-12-31T23:59:59.999Z"),
        (1e18, "9999-12-31T23:59:59.999Z"),
        (Double.infinity, "9999-12-31T23:59:59.999Z"),
        (-62_167_219_200.0, "0000-01-01T00:00:00.000Z"),
        (-62_167_219_200.5, "0000-01-01T00:00:00.000Z"),
        (-1e18, "0000-01-01T00:00:00.000Z"),
        (-Double.infinity, "0000-01-01T00:00:00.000Z"),
        (Double.nan, "0000-01-01T00:00:00.000Z"),
    ])
    func clamped(seconds: Double, text: String) {
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test("milliseconds past either end are clamped too", arguments: [
        (Int64.max, "9999-12-31T23:59:59.999Z"), (Timestamp.latestMilliseconds + 1, "9999-12-31T23:59:59.999Z"),
        (Int64.min, "0000-01-01T00:00:00.000Z"), (Timestamp.earliestMilliseconds - 1, "0000-01-01T00:00:00.000Z"),
        (0, "1970-01-01T00:00:00.000Z"),
    ])
    func clampedMilliseconds(milliseconds: Int64, text: String) {
        #expect(Timestamp.string(milliseconds: milliseconds) == text)
    }
}

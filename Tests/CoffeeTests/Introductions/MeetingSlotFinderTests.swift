import Foundation
import Testing
@testable import Coffee

@Suite("Meeting slot finder — 30 minutes in everyone's working hours, across time zones and DST")
struct MeetingSlotFinderTests {
    /// The instant `hour:minute` local time on the given date in `zone`.
    static func local(_ zone: String, _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var zones: [String?]
        /// When the window starts, in Paris.
        var from: (year: Int, month: Int, day: Int, hour: Int)
        /// The expected slot start, in Paris (`nil`: none in the week).
        var expected: (year: Int, month: Int, day: Int, hour: Int, minute: Int)?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "Paris alone: Monday 09:00 after a session at 08:00 (one hour's notice)", zones: ["Europe/Paris"],
             from: (2026, 12, 7, 8), expected: (2026, 12, 7, 9, 0)),
        Case(name: "Paris + New York in winter: 15:00 Paris (09:00 New York)", zones: ["Europe/Paris", "America/New_York"],
             from: (2026, 12, 7, 8), expected: (2026, 12, 7, 15, 0)),
        Case(name: "Paris + Sydney: no weekday overlap in December (10 hours apart)", zones: ["Europe/Paris", "Australia/Sydney"],
             from: (2026, 12, 7, 8), expected: nil),
        Case(name: "Paris + Sydney in June: 8 hours apart, overlap of zero minutes", zones: ["Europe/Paris", "Australia/Sydney"],
             from: (2026, 6, 1, 8), expected: nil),
        Case(name: "Paris + Tokyo in winter: 8 hours apart, Tokyo's day ends as Paris's starts: none",
             zones: ["Europe/Paris", "Asia/Tokyo"], from: (2026, 12, 7, 8), expected: nil),
        Case(name: "Paris + Tokyo in summer: 7 hours apart, the narrow overlap 09:00–10:00 Paris (16:00–17:00 Tokyo)",
             zones: ["Europe/Paris", "Asia/Tokyo"], from: (2026, 6, 1, 6), expected: (2026, 6, 1, 9, 0)),
        Case(name: "Paris + Kolkata (+05:30): 09:00 Paris = 13:30 Kolkata", zones: ["Europe/Paris", "Asia/Kolkata"],
             from: (2026, 12, 7, 8), expected: (2026, 12, 7, 9, 0)),
        Case(name: "London + Kathmandu (+05:45): 10:00 Paris = 09:00 London = 14:45 Kathmandu",
             zones: ["Europe/London", "Asia/Kathmandu"], from: (2026, 12, 7, 8), expected: (2026, 12, 7, 10, 0)),
        Case(name: "session on Friday evening: the next Monday", zones: ["Europe/Paris", "America/New_York"],
             from: (2026, 12, 11, 18), expected: (2026, 12, 14, 15, 0)),
        Case(name: "session on Wednesday 16:00: Wednesday 16:00 is too soon, Thursday 15:00",
             zones: ["Europe/Paris", "America/New_York"], from: (2026, 12, 9, 16), expected: (2026, 12, 10, 15, 0)),
        Case(name: "US already on summer time, Europe not yet (9 March 2026): 14:00 Paris",
             zones: ["Europe/Paris", "America/New_York"], from: (2026, 3, 9, 8), expected: (2026, 3, 9, 14, 0)),
        Case(name: "week crossing the US change (Saturday 7 March 2026): Monday, 14:00 Paris",
             zones: ["Europe/Paris", "America/New_York"], from: (2026, 3, 7, 8), expected: (2026, 3, 9, 14, 0)),
        Case(name: "week crossing Europe's change (Friday 27 March 2026, 17:00): Monday 30, 15:00 Paris again",
             zones: ["Europe/Paris", "America/New_York"], from: (2026, 3, 27, 17), expected: (2026, 3, 30, 15, 0)),
        Case(name: "a member without a zone takes the tenant's (Paris)", zones: [nil, "America/New_York"],
             from: (2026, 12, 7, 8), expected: (2026, 12, 7, 15, 0)),
        Case(name: "an unknown zone takes the tenant's (Paris)", zones: ["Mars/Olympus_Mons", "Europe/Paris"],
             from: (2026, 12, 7, 8), expected: (2026, 12, 7, 9, 0)),
        Case(name: "Los Angeles + London: 17:00 London is the end of the day, no overlap (8 hours apart)",
             zones: ["America/Los_Angeles", "Europe/London"], from: (2026, 12, 7, 8), expected: nil),
    ]

    @Test("the earliest slot in everyone's working hours, or none", arguments: cases)
    func slot(_ testCase: Case) {
        let finder = MeetingSlotFinder()
        let f = testCase.from
        let from = Self.local("Europe/Paris", f.year, f.month, f.day, f.hour)
        let slot = finder.slot(from: from, until: from.addingTimeInterval(7 * 86_400), timeZones: testCase.zones,
                               fallbackTimeZone: "Europe/Paris")
        guard let e = testCase.expected else {
            #expect(slot == nil)
            return
        }
        let start = Self.local("Europe/Paris", e.year, e.month, e.day, e.hour, e.minute)
        #expect(slot == MeetingSlot(start: start, end: start.addingTimeInterval(30 * 60)))
    }

    @Test("every slot found is within 09:00–17:00 on a weekday on each member's clock", arguments: [
        ["Europe/Paris", "America/New_York"], ["Asia/Kolkata", "Europe/London"], ["America/Sao_Paulo", "Europe/Berlin"],
        ["Asia/Tokyo", "Australia/Sydney"], ["Pacific/Auckland", "Asia/Singapore"], ["America/Chicago", "America/Denver"],
    ])
    func withinWorkingHours(_ zones: [String]) throws {
        let finder = MeetingSlotFinder()
        for month in 1...12 {
            let from = Self.local("UTC", 2026, month, 3, 0)
            let slot = try #require(finder.slot(from: from, until: from.addingTimeInterval(7 * 86_400),
                                                timeZones: zones, fallbackTimeZone: "UTC"), "no slot for \(zones) in month \(month)")
            for zone in zones {
                let clock = try #require(slot.wallClock(in: zone))
                #expect((1...5).contains(clock.weekday), "\(zone): \(clock)")
                #expect(clock.start >= TimeOfDay(hour: 9) && clock.end <= TimeOfDay(hour: 17) && clock.start < clock.end,
                        "\(zone): \(clock)")
            }
        }
    }

    @Test("the proposal's window is the week from the later of the scheduled and the actual match")
    func window() {
        let finder = MeetingSlotFinder()
        let scheduled = Self.local("Europe/Paris", 2026, 12, 7, 8)
        let early = Self.local("Europe/Paris", 2026, 12, 4, 10)
        let proposal = finder.proposal(sessionMatchAt: scheduled, matchedAt: early, timeZones: ["Europe/Paris"],
                                       fallbackTimeZone: "Europe/Paris")
        #expect(proposal.windowStart == scheduled)
        #expect(proposal.windowEnd == scheduled.addingTimeInterval(7 * 86_400))
        #expect(proposal.slot?.start == Self.local("Europe/Paris", 2026, 12, 7, 9))
        let late = Self.local("Europe/Paris", 2026, 12, 9, 12)
        let lateProposal = finder.proposal(sessionMatchAt: scheduled, matchedAt: late, timeZones: ["Europe/Paris"],
                                           fallbackTimeZone: "Europe/Paris")
        #expect(lateProposal.windowStart == late)
        #expect(lateProposal.slot?.start == Self.local("Europe/Paris", 2026, 12, 9, 13))
    }

    @Test("the wall clock of a slot in two zones")
    func wallClock() throws {
        let start = Self.local("Europe/Paris", 2026, 12, 10, 15)
        let slot = MeetingSlot(start: start, end: start.addingTimeInterval(1800))
        #expect(slot.wallClock(in: "America/New_York") == MeetingSlot.WallClock(
            year: 2026, month: 12, day: 10, weekday: 4, start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 9, minute: 30)))
        #expect(slot.wallClock(in: "Nowhere/Else") == nil)
    }
}

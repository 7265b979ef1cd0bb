import Foundation
import Testing
@testable import Coffee

@Suite("Eligibility — live, idpActive, localStatus active, not snoozed, not opted out (domain.md)")
struct EligibilityTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let lifecycle: Lifecycle
        let idpActive: Bool
        let local: LocalStatus
        let snoozeDays: Double?
        let optedOut: Bool
        let expected: [IneligibilityReason]
        var testDescription: String { name }
    }

    static let now = Fixture.t0.addingTimeInterval(10 * Fixture.day)

    static let cases: [Case] = [
        Case(name: "all conditions met", lifecycle: .live, idpActive: true, local: .active, snoozeDays: nil, optedOut: false, expected: []),
        Case(name: "deprovisioned", lifecycle: .deprovisioned, idpActive: true, local: .active, snoozeDays: nil, optedOut: false, expected: [.notLive(.deprovisioned)]),
        Case(name: "purged", lifecycle: .purged, idpActive: true, local: .active, snoozeDays: nil, optedOut: false, expected: [.notLive(.purged)]),
        Case(name: "deactivated by IdP", lifecycle: .live, idpActive: false, local: .active, snoozeDays: nil, optedOut: false, expected: [.deactivatedByIdentityProvider]),
        Case(name: "pending invitation", lifecycle: .live, idpActive: true, local: .pending, snoozeDays: nil, optedOut: false, expected: [.notActive(.pending)]),
        Case(name: "inactive by admin", lifecycle: .live, idpActive: true, local: .inactive(.admin), snoozeDays: nil, optedOut: false, expected: [.notActive(.inactive(.admin))]),
        Case(name: "unsubscribed", lifecycle: .live, idpActive: true, local: .inactive(.unsubscribed), snoozeDays: nil, optedOut: false, expected: [.notActive(.inactive(.unsubscribed))]),
        Case(name: "bounced", lifecycle: .live, idpActive: true, local: .inactive(.bounced), snoozeDays: nil, optedOut: false, expected: [.notActive(.inactive(.bounced))]),
        Case(name: "snoozed until tomorrow", lifecycle: .live, idpActive: true, local: .active, snoozeDays: 1, optedOut: false, expected: [.snoozed(until: now.addingTimeInterval(Fixture.day))]),
        Case(name: "snooze ended yesterday", lifecycle: .live, idpActive: true, local: .active, snoozeDays: -1, optedOut: false, expected: []),
        Case(name: "snooze ends exactly now", lifecycle: .live, idpActive: true, local: .active, snoozeDays: 0, optedOut: false, expected: []),
        Case(name: "opted out of the program", lifecycle: .live, idpActive: true, local: .active, snoozeDays: nil, optedOut: true, expected: [.optedOut]),
        Case(name: "every reason at once, in order", lifecycle: .deprovisioned, idpActive: false, local: .inactive(.admin), snoozeDays: 2, optedOut: true,
             expected: [.notLive(.deprovisioned), .deactivatedByIdentityProvider, .notActive(.inactive(.admin)), .snoozed(until: now.addingTimeInterval(2 * Fixture.day)), .optedOut]),
    ]

    @Test(arguments: cases)
    func eligibilityRule(_ row: Case) throws {
        let member = try Fixture.member(idpActive: row.idpActive, localStatus: row.local, lifecycle: row.lifecycle,
                                        snoozedUntil: row.snoozeDays.map { Self.now.addingTimeInterval($0 * Fixture.day) })
        let result = Eligibility.of(member, at: Self.now, isOptedOutOfProgram: row.optedOut)
        #expect(result == (row.expected.isEmpty ? .eligible : .ineligible(row.expected)))
        #expect(result.isEligible == row.expected.isEmpty)
    }
}

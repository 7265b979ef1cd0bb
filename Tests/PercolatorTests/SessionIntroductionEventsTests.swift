import Coffee
import Foundation
import Testing
@testable import Percolator

/// The events a matched session appends beside its result: one introduction per group,
/// with categories and a meeting proposal, and one left-unmatched email per member who
/// has priority next session.
@Suite("Session matcher: introduction and left-unmatched events")
struct SessionIntroductionEventsTests {
    static let tenant = DomainTenantID("t1")
    static let monday = Date(timeIntervalSince1970: 1_796_623_200)  // Monday 7 December 2026, 07:00 Paris

    static func member(_ id: String, email: String? = nil, zone: String? = nil, department: String? = nil) throws -> Member {
        Member(id: MemberID(id), tenantID: tenant, userName: id, givenName: id.uppercased(), familyName: "X",
               emails: try email.map { [try EmailAddress($0)] } ?? [], locale: "fr", timeZoneIdentifier: zone,
               categoryValues: CategoryValues(department.map { [.department: [$0]] } ?? [:]), source: .manual, createdAt: monday)
    }

    static let session = Session(id: SessionID("s1"), programID: ProgramID("p1"), tenantID: tenant, state: .matched,
                                 opensAt: monday, matchAt: monday, createdAt: monday, updatedAt: monday, version: 3)

    @Test("only members unmatched for a reason that gives priority, with an address, are told", arguments: [
        (UnmatchedReason.aloneAfterGrouping, true), (.noCompatiblePartner, true), (.onlyParticipant, true),
        (.duplicateParticipant, false), (.noValueForSameValueRule(category: "city"), false),
    ])
    func unmatched(_ reason: UnmatchedReason, _ told: Bool) throws {
        var result = MatchingEngine.run(MatchingInput(participants: [], seed: 1))
        result.unmatched = [.init(id: ParticipantID("m1"), reason: reason), .init(id: ParticipantID("m2"), reason: reason)]
        let members = ["m1": try Self.member("m1", email: "m1@example.org"), "m2": try Self.member("m2")]
        let events = SessionMatcher.unmatchedNotices(result, session: Self.session, members: members)
        #expect(events.map(\.idempotencyKey.rawValue) == (told ? ["MemberLeftUnmatched/t1/m1/s1"] : []))
        if case .memberLeftUnmatched(let event) = events.first {
            #expect(event.header.subject == "m1" && event.email.rawValue == "m1@example.org" && event.locale == "fr")
        }
    }

    @Test("each group's members carry the rules' values and their zone (the tenant's when none); the meeting fits all zones")
    func introductions() throws {
        var result = MatchingEngine.run(MatchingInput(participants: [], seed: 1))
        result.groups = [MatchGroup(members: [ParticipantID("a"), ParticipantID("b")], score: 0, satisfiedRules: [], repeatsInsideWindow: 0),
                         MatchGroup(members: [ParticipantID("c"), ParticipantID("gone"), ParticipantID("d")], score: 0, satisfiedRules: [], repeatsInsideWindow: 0)]
        let members = ["a": try Self.member("a", email: "a@example.org", zone: "America/New_York", department: "Sales"),
                       "b": try Self.member("b", email: "b@example.org", department: "Tech"),
                       "c": try Self.member("c", email: "c@example.org", zone: "Australia/Sydney"),
                       "d": try Self.member("d", email: "d@example.org", zone: "Mars/Olympus_Mons")]
        let context = SessionMatcher.IntroductionContext(
            rules: RuleCategories(rules: [.differentValue(category: "Department")], catalog: .identityProviderDefaults),
            tenantTimeZone: "Europe/Paris")
        let events = SessionMatcher.introductionEvents(result, session: Self.session, members: members, context: context)
        guard case .matchIntroRequested(let first) = events.first, case .matchIntroRequested(let second) = events.last, events.count == 2 else {
            Issue.record("two introductions expected: \(events)")
            return
        }
        #expect(first.participants.map(\.categories) == [[IntroducedCategory(label: "Department", values: ["Sales"])],
                                                         [IntroducedCategory(label: "Department", values: ["Tech"])]])
        #expect(first.participants.map(\.timeZoneIdentifier) == ["America/New_York", "Europe/Paris"])
        // Monday 7 December, 15:00 Paris = 09:00 New York.
        #expect(first.meeting?.slot?.start == Self.monday.addingTimeInterval(8 * 3_600))
        #expect(first.meeting?.windowStart == Self.monday)
        // Sydney and Paris (the member no longer known is named by id only; it and the unknown zone take the tenant's) share no working hour.
        #expect(second.participants.map(\.memberID.rawValue) == ["c", "gone", "d"])
        #expect(second.participants.map(\.timeZoneIdentifier) == ["Australia/Sydney", "Europe/Paris", "Europe/Paris"],
                "an unknown zone is the tenant's, so the email shows the time on a clock that exists")
        #expect(second.meeting != nil && second.meeting?.slot == nil)
    }
}

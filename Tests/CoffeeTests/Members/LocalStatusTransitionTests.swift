import Foundation
import Testing
@testable import Coffee

@Suite("Local status, snooze and portal edits — platform-owned, never the IdP's fields")
struct LocalStatusTransitionTests {
    let at = Fixture.t0.addingTimeInterval(60)

    @Test(arguments: [
        (LocalStatus.active, LocalStatus.inactive(.admin), true),
        (.active, .inactive(.unsubscribed), true),
        (.active, .inactive(.bounced), true),
        (.inactive(.admin), .active, true),
        (.active, .active, false),
        (.pending, .active, true),
    ])
    func setsStatus(from: LocalStatus, to: LocalStatus, changes: Bool) throws {
        let member = try Fixture.member(idpActive: false, localStatus: from)
        let result = try LocalStatusTransition.set(member, to: to, at: at)
        #expect(result.member.localStatus == to && !result.member.idpActive)
        #expect(result.changed == changes)
    }

    @Test("pending cannot be set, and deprovisioned members refuse changes")
    func refusals() throws {
        #expect(throws: MemberError.statusNotSettable(.pending)) { try LocalStatusTransition.set(try Fixture.member(), to: .pending, at: at) }
        let gone = try Fixture.member(lifecycle: .deprovisioned)
        #expect(throws: MemberError.deprovisioned(gone.id)) { try LocalStatusTransition.snooze(gone, until: at, at: at) }
    }

    @Test("snoozing makes a member ineligible until the date")
    func snooze() throws {
        let until = at.addingTimeInterval(7 * Fixture.day)
        let snoozed = try LocalStatusTransition.snooze(try Fixture.member(), until: until, at: at).member
        #expect(!Eligibility.of(snoozed, at: at).isEligible)
        #expect(Eligibility.of(snoozed, at: until).isEligible)
    }

    @Test("members edit only member-editable, writable categories", arguments: [
        ("hobby", nil as MemberError?), ("level", .notMemberEditable("level")), ("city", .readOnlyCategory(.city)), ("nope", .unknownCategory("nope")),
    ])
    func portalEdits(key: String, error: MemberError?) throws {
        let catalog = CategoryCatalog([
            Category(key: "hobby", label: "Hobby", knownValues: ["Chess"]),
            Category(key: "level", label: "Level", isMemberEditable: false),
            Category(key: .city, label: "City", source: .identityProvider),
        ])
        let member = try Fixture.member(categories: [.city: ["Paris"]])
        if let error {
            #expect(throws: error) { try LocalStatusTransition.editCategories(member, values: [CategoryKey(key): ["x"]], catalog: catalog, at: at) }
        } else {
            let result = try LocalStatusTransition.editCategories(member, values: ["hobby": ["chess"]], catalog: catalog, at: at)
            #expect(result.member.categoryValues == CategoryValues([.city: ["Paris"], "hobby": ["Chess"]]))
            #expect(result.events.map(\.kind) == [.memberUpdated])
        }
    }

    @Test("a drop-down takes only its values from a member (a value the member has already is kept); free text takes any")
    func dropDownValues() throws {
        let catalog = CategoryCatalog([
            Category(key: "team", label: "Team", type: .multiSelect, knownValues: ["Blue", "Red"]),
            Category(key: "site", label: "Site", knownValues: ["Paris"]),
            Category(key: "motto", label: "Motto", type: .text),
        ])
        let member = try Fixture.member(categories: ["site": ["Legacy"]])
        #expect(throws: MemberError.unknownCategoryValue("team", "NotAKnownValue")) {
            try LocalStatusTransition.editCategories(member, values: ["team": ["NotAKnownValue", "Blue"]], catalog: catalog, at: at)
        }
        #expect(throws: MemberError.unknownCategoryValue("site", "Lyon")) {
            try LocalStatusTransition.editCategories(member, values: ["site": ["Lyon"]], catalog: catalog, at: at)
        }
        let saved = try LocalStatusTransition.editCategories(member, values: ["team": ["red", "Blue"], "site": ["Legacy"], "motto": ["x;=1+1"]],
                                                             catalog: catalog, at: at)
        #expect(saved.member.categoryValues == CategoryValues(["team": ["Red", "Blue"], "site": ["Legacy"], "motto": ["x;=1+1"]]))
    }
}

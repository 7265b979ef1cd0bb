import Foundation
import Testing
@testable import Coffee

/// One planning situation: a connection, its listing, the tenant's members, and what
/// the plan must say.
struct SyncScenario: Sendable, CustomTestStringConvertible {
    var name: String
    var kind: ConnectionKind = .slack
    var people: [SourcePerson]
    var members: [LinkedMember] = []
    var expected: SyncPlan.Summary
    /// Optional exact checks on the plan.
    var updates: [SyncPlan.Update]? = nil
    var deactivations: [MemberID]? = nil
    var reactivations: [MemberID]? = nil

    var testDescription: String { name }
}

enum SyncFixture {
    static let connection = ConnectionID("slack-1")
    static let other = ConnectionID("hris-1")
    static let mapping = SourceFieldMapping([
        .init(field: "title", key: .jobTitle),
        .init(field: "team", key: "team"),
    ])

    static func context(_ kind: ConnectionKind) -> SyncContext {
        SyncContext(connectionID: connection, kind: kind, fieldMapping: mapping, settings: TenantSettings())
    }

    static func person(
        _ id: String, _ email: String? = nil, given: String = "Ada", family: String = "Lovelace",
        guest: Bool = false, active: Bool = true, timeZone: String? = nil, fields: [String: String] = [:]
    ) -> SourcePerson {
        SourcePerson(sourceID: id, givenName: given, familyName: family, primaryEmail: email ?? "\(id.lowercased())@example.com",
                     timeZoneIdentifier: timeZone, isGuest: guest, isActive: active, fields: fields)
    }

    static func member(
        _ id: String, _ email: String, source: MemberSource, idpActive: Bool = true, lifecycle: Lifecycle = .live,
        given: String = "Ada", family: String = "Lovelace", categories: [CategoryKey: [String]] = [:],
        links: [SourceLink] = []
    ) -> LinkedMember {
        // Fixture.member only throws for an invalid email literal.
        let member = (try? Fixture.member(id: id, source: source, idpActive: idpActive, lifecycle: lifecycle, given: given,
                                          family: family, email: email, categories: categories))
        return LinkedMember(member: member ?? Member(id: MemberID(id), tenantID: Fixture.tenant, userName: email, givenName: given,
                                                    familyName: family, emails: [], source: source, createdAt: Fixture.t0),
                            links: links)
    }

    static func renamed(_ linked: LinkedMember, userName: String) -> LinkedMember {
        var copy = linked
        copy.member.userName = userName
        return copy
    }

    static func link(_ sourceID: String, active: Bool = true, connection: ConnectionID = connection) -> SourceLink {
        SourceLink(connectionID: connection, sourceID: sourceID, isActive: active)
    }
}

@Suite("Sync plan — issue 14: match, own, keep, deactivate only from a complete listing")
struct SyncPlannerTests {
    typealias F = SyncFixture

    static let scenarios: [SyncScenario] = [
        SyncScenario(name: "a new person is created", people: [F.person("U1")], expected: .init(created: 1)),
        SyncScenario(name: "a linked person with the same values changes nothing",
                     people: [F.person("U1", "ada@example.com", fields: ["title": "Engineer"])],
                     members: [F.member("m1", "ada@example.com", source: .slack, categories: [.jobTitle: ["Engineer"]], links: [F.link("U1")])],
                     expected: .init()),
        SyncScenario(name: "an existing member is matched by email, case-insensitively, and linked, not duplicated",
                     people: [F.person("U1", "ADA@Example.COM")],
                     members: [F.member("m1", "ada@example.com", source: .scim)],
                     expected: .init(linked: 1)),
        SyncScenario(name: "a SCIM member whose userName is the address is matched by it, not duplicated",
                     people: [F.person("U1", "Ada.Lovelace@example.com")],
                     members: [F.renamed(F.member("m1", "ada@example.com", source: .scim), userName: "ada.lovelace@example.com")],
                     expected: .init(linked: 1)),
        SyncScenario(name: "a SCIM member keeps its IdP-owned names and mapped categories; other selected categories follow the source",
                     people: [F.person("U1", "ada@example.com", given: "Augusta", fields: ["title": "Poet", "team": "Analytics"])],
                     members: [F.member("m1", "ada@example.com", source: .scim, categories: [.jobTitle: ["Countess"]], links: [F.link("U1")])],
                     expected: .init(updated: 1),
                     updates: [.init(memberID: MemberID("m1"), changes: [.category("team", ["Analytics"])])]),
        SyncScenario(name: "a member the source created follows its names and categories, an emptied field clears its category",
                     people: [F.person("U1", "ada@example.com", family: "King", timeZone: "Europe/London", fields: ["title": "Analyst"])],
                     members: [F.member("m1", "ada@example.com", source: .slack, categories: [.jobTitle: ["Engineer"], "team": ["R&D"]],
                                        links: [F.link("U1")])],
                     expected: .init(updated: 1),
                     updates: [.init(memberID: MemberID("m1"), changes: [
                         .familyName("King"), .timeZone("Europe/London"), .category(.jobTitle, ["Analyst"]), .category("team", []),
                     ])]),
        SyncScenario(name: "a CSV member keeps its names; only a missing time zone is filled",
                     people: [F.person("U1", "ada@example.com", given: "Augusta", timeZone: "Europe/London")],
                     members: [F.member("m1", "ada@example.com", source: .csv)],
                     expected: .init(updated: 1, linked: 1),
                     updates: [.init(memberID: MemberID("m1"), changes: [.timeZone("Europe/London")])]),
        SyncScenario(name: "a leaver the source created is unlinked and deactivated",
                     people: [],
                     members: [F.member("m1", "ada@example.com", source: .slack, links: [F.link("U1")])],
                     expected: .init(deactivated: 1, unlinked: 1), deactivations: [MemberID("m1")]),
        SyncScenario(name: "a leaver another source still keeps active is unlinked, not deactivated",
                     people: [],
                     members: [F.member("m1", "ada@example.com", source: .slack,
                                        links: [F.link("U1"), F.link("E1", connection: F.other)])],
                     expected: .init(unlinked: 1), deactivations: []),
        SyncScenario(name: "a SCIM member who leaves the source is unlinked; the identity provider still decides",
                     people: [],
                     members: [F.member("m1", "ada@example.com", source: .scim, links: [F.link("U1")])],
                     expected: .init(unlinked: 1), deactivations: []),
        SyncScenario(name: "a CSV member who leaves the source is unlinked, never deactivated by it",
                     people: [F.person("U1", "ada@example.com", active: false)],
                     members: [F.member("m1", "ada@example.com", source: .csv, links: [F.link("U1")])],
                     expected: .init(unlinked: 1), deactivations: []),
        SyncScenario(name: "a deleted user (inactive in the source) is a leaver",
                     people: [F.person("U1", "ada@example.com", active: false)],
                     members: [F.member("m1", "ada@example.com", source: .slack, links: [F.link("U1")])],
                     expected: .init(deactivated: 1, unlinked: 1)),
        SyncScenario(name: "Teams: a new guest is skipped, a member who became a guest is a leaver",
                     kind: .teams,
                     people: [F.person("G1", guest: true), F.person("U1", "ada@example.com", guest: true)],
                     members: [F.member("m1", "ada@example.com", source: .teams, links: [F.link("U1")])],
                     expected: .init(deactivated: 1, unlinked: 1, skipped: [.guest: 1])),
        SyncScenario(name: "an HR system has no guests to exclude", kind: .hris,
                     people: [F.person("E1", guest: true)], expected: .init(created: 1)),
        SyncScenario(name: "a returning person is linked again and reactivated",
                     people: [F.person("U1", "ada@example.com")],
                     members: [F.member("m1", "ada@example.com", source: .slack, idpActive: false, links: [F.link("U1", active: false)])],
                     expected: .init(reactivated: 1, relinked: 1), reactivations: [MemberID("m1")]),
        SyncScenario(name: "a connector member no source keeps is reactivated when this one matches it by email",
                     people: [F.person("U1", "ada@example.com")],
                     members: [F.member("m1", "ada@example.com", source: .hris, idpActive: false,
                                        links: [F.link("E1", active: false, connection: F.other)])],
                     expected: .init(reactivated: 1, linked: 1)),
        SyncScenario(name: "one member, several sources: an HR member found in Slack is linked, not duplicated",
                     people: [F.person("U1", "ada@example.com")],
                     members: [F.member("m1", "ada@example.com", source: .hris, links: [F.link("E1", connection: F.other)])],
                     expected: .init(linked: 1)),
        SyncScenario(name: "people that cannot be matched safely are skipped with their reason",
                     people: [
                         F.person("U1", ""), F.person("U2", "not an address"), F.person("U3"), F.person("U3"),
                         F.person("U4", "u3@example.com"), F.person("U5", "twin@example.com"), F.person("U6", "gone@example.com"),
                         F.person("", "nobody@example.com"), F.person("U7", "old@example.com", active: false),
                     ],
                     members: [F.member("m1", "twin@example.com", source: .csv), F.member("m2", "TWIN@example.com", source: .manual),
                               F.member("m3", "gone@example.com", source: .scim, lifecycle: .deprovisioned)],
                     expected: .init(created: 1, skipped: [
                         .missingEmail: 1, .invalidEmail: 1, .duplicateSourceID: 1, .duplicateEmail: 1, .ambiguousEmail: 1,
                         .memberNotLive: 1, .missingSourceID: 1, .inactiveInSource: 1,
                     ])),
        SyncScenario(name: "an address already linked to another person of this source is not taken over",
                     people: [F.person("U1", "ada@example.com"), F.person("U2", "ada@example.com")],
                     members: [F.member("m1", "ada@example.com", source: .slack, links: [F.link("U1")])],
                     expected: .init(skipped: [.duplicateEmail: 1])),
        SyncScenario(name: "a new account with the address of a member linked to an absent account is skipped, and the old link leaves",
                     people: [F.person("U2", "ada@example.com")],
                     members: [F.member("m1", "ada@example.com", source: .slack, links: [F.link("U1")])],
                     expected: .init(deactivated: 1, unlinked: 1, skipped: [.emailLinkedToAnotherSourcePerson: 1])),
    ]

    @Test("the plan follows issue 14's rules", arguments: scenarios)
    func plans(scenario: SyncScenario) {
        let plan = SyncPlanner.plan(SourceListing(people: scenario.people), members: scenario.members,
                                    context: F.context(scenario.kind))
        #expect(plan.summary == scenario.expected)
        if let updates = scenario.updates { #expect(plan.updates == updates) }
        if let deactivations = scenario.deactivations { #expect(plan.deactivations == deactivations) }
        if let reactivations = scenario.reactivations { #expect(plan.reactivations == reactivations) }
    }

    @Test("idempotent: planning against the result of applying a plan yields an empty plan", arguments: scenarios)
    func idempotent(scenario: SyncScenario) throws {
        let context = F.context(scenario.kind)
        let listing = SourceListing(people: scenario.people)
        let plan = SyncPlanner.plan(listing, members: scenario.members, context: context)
        var counter = 0
        let outcome = try plan.apply(to: scenario.members, tenantID: Fixture.tenant, context: context, at: Fixture.t0) {
            counter += 1
            return MemberID("new-\(counter)")
        }
        let again = SyncPlanner.plan(listing, members: outcome.members, context: context)
        #expect(again.isEmpty, "second plan: \(again)")
        #expect(again.skipped.map(\.reason) == plan.skipped.map(\.reason))
        let third = try again.apply(to: outcome.members, tenantID: Fixture.tenant, context: context, at: Fixture.t0) {
            MemberID("never")
        }
        #expect(third.events.isEmpty)
        #expect(third.members == outcome.members)
    }

    @Test("the scenario table is not empty")
    func tableIsNotEmpty() { #expect(!Self.scenarios.isEmpty) }
}

/// The plan of one event (Slack's `team_join`, `user_change`): the person changes, nobody else.
@Suite("SyncPlanner — one person's change from an event, never a removal of others")
struct SyncPlannerChangeTests {
    @Test("a joiner is created; the unlisted linked members are left alone (an event is no complete listing)")
    func joinerOnly() {
        let members = [SyncFixture.member("m1", "u1@example.com", source: .slack, links: [SyncFixture.link("U1")])]
        let plan = SyncPlanner.planChange(of: SyncFixture.person("U2"), members: members, context: SyncFixture.context(.slack))
        #expect(plan.creations.map(\.sourceID) == ["U2"])
        #expect(plan.deactivations.isEmpty && plan.linkChanges.isEmpty, "U1 is not in the event: not a leaver")
        // The same person in a full listing would make U1 a leaver: the difference is the point.
        let full = SyncPlanner.plan(SourceListing(people: [SyncFixture.person("U2")]), members: members, context: SyncFixture.context(.slack))
        #expect(full.deactivations == [MemberID("m1")])
    }

    @Test("a linked person deleted in the source: its link and the member let go, as in a listing")
    func deletedPerson() {
        let members = [SyncFixture.member("m1", "u1@example.com", source: .slack, links: [SyncFixture.link("U1")]),
                       SyncFixture.member("m2", "u2@example.com", source: .slack, links: [SyncFixture.link("U2")])]
        let plan = SyncPlanner.planChange(of: SyncFixture.person("U1", active: false), members: members,
                                          context: SyncFixture.context(.slack))
        #expect(plan.deactivations == [MemberID("m1")])
        #expect(plan.linkChanges == [.deactivated(MemberID("m1"), sourceID: "U1")])
    }
}

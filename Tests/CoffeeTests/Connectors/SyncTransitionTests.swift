import Foundation
import Testing
@testable import Coffee

@Suite("Sync transitions — connector members through the same transitions as the other doors")
struct SyncTransitionTests {
    typealias F = SyncFixture

    @Test("a created member comes from the source: kind as source, email as userName, selected fields as categories, welcome email")
    func creation() throws {
        let context = F.context(.slack)
        let person = SourcePerson(sourceID: "U1", givenName: " Ada ", familyName: "Lovelace", primaryEmail: "Ada@Example.com",
                                  locale: "en-GB", timeZoneIdentifier: "Europe/London",
                                  fields: ["title": "Engineer", "team": "R&D", "phone": "+44"])
        let plan = SyncPlanner.plan(SourceListing(people: [person]), members: [], context: context)
        let outcome = try plan.apply(to: [], tenantID: Fixture.tenant, context: context, at: Fixture.t0) { MemberID("m1") }
        let created = try #require(outcome.members.first)
        #expect(created.links == [SourceLink(connectionID: F.connection, sourceID: "U1")])
        #expect(created.member.source == .slack)
        #expect(created.member.userName == "Ada@Example.com")
        #expect(created.member.givenName == "Ada")
        #expect(created.member.locale == "en-GB")
        #expect(created.member.timeZoneIdentifier == "Europe/London")
        #expect(created.member.categoryValues == CategoryValues([.jobTitle: ["Engineer"], "team": ["R&D"]]))
        #expect(outcome.events.count == 2)
        guard case .memberProvisioned(let provisioned)? = outcome.events.first else {
            Issue.record("expected memberProvisioned first, got \(outcome.events)")
            return
        }
        #expect(provisioned.source == .slack)
    }

    @Test("with neither first nor last name, the display name stands in")
    func displayNameFallback() throws {
        let person = SourcePerson(sourceID: "U1", givenName: "", familyName: " ", displayName: "Ada L.", primaryEmail: "ada@example.com")
        let draft = person.draft(id: MemberID("m1"), email: try EmailAddress("ada@example.com"), mapping: SourceFieldMapping())
        #expect(draft.givenName == "Ada L.")
        #expect(draft.familyName == "")
        #expect(draft.displayName == "Ada L.")
    }

    @Test("a joiner and a leaver between two runs: one created, one deactivated, with their events")
    func joinerAndLeaver() throws {
        let context = F.context(.teams)
        let first = SourceListing(people: [F.person("A"), F.person("B")])
        var counter = 0
        let newID = { () -> MemberID in counter += 1; return MemberID("m\(counter)") }
        let afterFirst = try SyncPlanner.plan(first, members: [], context: context)
            .apply(to: [], tenantID: Fixture.tenant, context: context, at: Fixture.t0, newID: newID)
        #expect(afterFirst.members.count == 2)

        let second = SourceListing(people: [F.person("B"), F.person("C")])
        let plan = SyncPlanner.plan(second, members: afterFirst.members, context: context)
        #expect(plan.summary == SyncPlan.Summary(created: 1, deactivated: 1, unlinked: 1))
        let later = Fixture.t0.addingTimeInterval(Fixture.day)
        let afterSecond = try plan.apply(to: afterFirst.members, tenantID: Fixture.tenant, context: context, at: later, newID: newID)
        let leaver = try #require(afterSecond.members.first { $0.links.first?.sourceID == "A" })
        #expect(!leaver.member.idpActive)
        #expect(leaver.member.lifecycle == .live)  // deactivated, history kept
        #expect(afterSecond.events.contains { if case .memberDeactivated = $0 { true } else { false } })
        #expect(afterSecond.members.contains { $0.links.first?.sourceID == "C" && $0.member.idpActive })
    }

    @Test("an update event names only what changed; a repeated update changes nothing")
    func updateEvents() throws {
        let member = try Fixture.member(id: "m1", source: .slack, categories: [.jobTitle: ["Engineer"]])
        let changes: [SyncPlan.FieldChange] = [.familyName("King"), .category(.jobTitle, ["Analyst"]), .locale("en-GB")]
        let first = try SyncTransition.update(member, applying: changes, at: Fixture.t0)
        guard case .memberUpdated(let event)? = first.events.first else {
            Issue.record("expected memberUpdated, got \(first.events)")
            return
        }
        #expect(event.changedFields == ["familyName", "locale"])
        #expect(event.changedCategories == [.jobTitle])
        #expect(first.member.version == member.version + 1)
        #expect(try SyncTransition.update(first.member, applying: changes, at: Fixture.t0).events.isEmpty)
    }

    @Test("a deprovisioned member is never updated by a sync")
    func deprovisionedRefused() throws {
        let member = try Fixture.member(id: "m1", source: .slack, lifecycle: .deprovisioned)
        #expect(throws: MemberError.self) { try SyncTransition.update(member, applying: [.familyName("X")], at: Fixture.t0) }
    }
}

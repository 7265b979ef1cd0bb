import Foundation
import Testing
@testable import Coffee

@Suite("Provisioning transitions — domain.md, SCIM operation → transition table")
struct ProvisioningTransitionTests {
    let settings = TenantSettings()
    let t1 = Fixture.t0.addingTimeInterval(60)

    /// One row of the table: what the operation does to the stored member, and which
    /// events it emits.
    struct Row: Sendable, CustomTestStringConvertible {
        let operation: String
        let start: Member?
        let perform: @Sendable (Member?) throws -> TransitionResult
        let expectedKinds: [EventKind]
        let check: @Sendable (Member) -> Bool
        var testDescription: String { operation }
    }

    static let rows: [Row] = {
        let settings = TenantSettings()
        let at = Fixture.t0.addingTimeInterval(60)
        func live(_ idpActive: Bool = true, local: LocalStatus = .active) -> Member? {
            try? Fixture.member(idpActive: idpActive, localStatus: local, categories: [.department: ["R&D"], "hobby": ["chess"]])
        }
        return [
            Row(operation: "POST /Users, active absent → Active, welcome", start: nil, perform: { _ in
                try ProvisioningTransition.provision(try Fixture.draft(), tenantID: Fixture.tenant, settings: settings, at: at)
            }, expectedKinds: [.memberProvisioned, .welcomeEmailRequested],
               check: { $0.idpActive && $0.localStatus == .active && $0.lifecycle == .live && $0.welcomeEmailRequestedAt == at }),
            Row(operation: "POST /Users, active true → Active, welcome", start: nil, perform: { _ in
                try ProvisioningTransition.provision(try Fixture.draft(active: true), tenantID: Fixture.tenant, settings: settings, at: at)
            }, expectedKinds: [.memberProvisioned, .welcomeEmailRequested],
               check: { Eligibility.of($0, at: at).isEligible }),
            Row(operation: "POST /Users, tenant without welcome email", start: nil, perform: { _ in
                try ProvisioningTransition.provision(try Fixture.draft(), tenantID: Fixture.tenant,
                                                     settings: TenantSettings(sendsWelcomeEmail: false), at: at)
            }, expectedKinds: [.memberProvisioned], check: { $0.welcomeEmailRequestedAt == nil && $0.idpActive }),
            Row(operation: "POST /Users, active=false → created, not eligible", start: nil, perform: { _ in
                try ProvisioningTransition.provision(try Fixture.draft(active: false), tenantID: Fixture.tenant, settings: settings, at: at)
            }, expectedKinds: [.memberProvisioned], check: { !$0.idpActive && !Eligibility.of($0, at: at).isEligible }),
            Row(operation: "PUT /Users/{id} → SCIM attributes replaced, portal data kept", start: live(), perform: { member in
                try ProvisioningTransition.updateFromIdP(try #require(member), with: try Fixture.draft(given: "Augusta", categories: [.department: ["Ops"]]),
                                                         settings: settings, at: at)
            }, expectedKinds: [.memberUpdated],
               check: { $0.givenName == "Augusta" && $0.categoryValues[.department] == ["Ops"] && $0.categoryValues["hobby"] == ["chess"] }),
            Row(operation: "PATCH active=false → idpActive false", start: live(), perform: { member in
                try ProvisioningTransition.deactivateFromIdP(try #require(member), at: at)
            }, expectedKinds: [.memberDeactivated], check: { !$0.idpActive && $0.localStatus == .active }),
            Row(operation: "PATCH active=true → idpActive true, localStatus untouched, no second welcome",
                start: live(false, local: .inactive(.unsubscribed)), perform: { member in
                try ProvisioningTransition.reactivateFromIdP(try #require(member), settings: settings, at: at)
            }, expectedKinds: [.memberReactivated],
               check: { $0.idpActive && $0.localStatus == .inactive(.unsubscribed) && $0.welcomeEmailRequestedAt == Fixture.t0 }),
            Row(operation: "PATCH other attributes → category values updated", start: live(), perform: { member in
                try ProvisioningTransition.updateFromIdP(try #require(member), with: try Fixture.draft(categories: [.department: ["R&D"], .city: ["Lyon"]]),
                                                         settings: settings, at: at)
            }, expectedKinds: [.memberUpdated], check: { $0.categoryValues[.city] == ["Lyon"] }),
            Row(operation: "DELETE /Users/{id} → deprovisioned, data kept until retention", start: live(), perform: { member in
                try ProvisioningTransition.deprovision(try #require(member), at: at)
            }, expectedKinds: [.memberDeprovisioned],
               check: { $0.lifecycle == .deprovisioned && $0.givenName == "Ada" && $0.deprovisionedAt == at }),
            Row(operation: "purge after retention → anonymised, ids kept", start: live(), perform: { member in
                let gone = try ProvisioningTransition.deprovision(try #require(member), at: at)
                let later = at.addingTimeInterval(TenantSettings.defaultRetention)
                let purged = try ProvisioningTransition.purge(gone.member, settings: settings, at: later)
                return TransitionResult(member: purged.member, events: gone.events + purged.events)
            }, expectedKinds: [.memberDeprovisioned, .memberPurged],
               check: { $0.lifecycle == .purged && $0.id == MemberID("m1") && $0.givenName == Member.anonymousMarker
                   && $0.emails.isEmpty && $0.categoryValues.isEmpty && $0.externalID == nil }),
        ]
    }()

    @Test(arguments: rows)
    func transitionFollowsTheTable(row: Row) throws {
        let result = try row.perform(row.start)
        #expect(result.events.map(\.kind) == row.expectedKinds)
        #expect(row.check(result.member), "member after \(row.operation)")
        #expect(result.events.allSatisfy { $0.header.tenantID == Fixture.tenant && $0.header.occurredAt >= Fixture.t0 })
    }

    @Test("the table has a row for every member operation")
    func tableIsComplete() {
        #expect(Self.rows.count == 10)
    }

    @Test("repeating an operation that changes nothing emits nothing (IdP retries)", arguments: [
        "deactivate", "reactivate", "update",
    ])
    func retriesAreNoOps(operation: String) throws {
        let member = try Fixture.member(idpActive: operation != "reactivate")
        let result: TransitionResult
        switch operation {
        case "deactivate":
            result = try ProvisioningTransition.deactivateFromIdP(ProvisioningTransition.deactivateFromIdP(member, at: t1).member, at: t1)
        case "reactivate":
            result = try ProvisioningTransition.reactivateFromIdP(ProvisioningTransition.reactivateFromIdP(member, settings: settings, at: t1).member, settings: settings, at: t1)
        default:
            result = try ProvisioningTransition.updateFromIdP(member, with: try Fixture.draft(), settings: settings, at: t1)
        }
        #expect(result.events.isEmpty)
        #expect(!result.changed)
    }

    @Test("transitions on a deprovisioned member throw (SCIM answers 404)", arguments: 0..<4)
    func deprovisionedMembersRefuseTransitions(index: Int) throws {
        let member = try Fixture.member(lifecycle: .deprovisioned)
        #expect(throws: MemberError.deprovisioned(member.id)) {
            switch index {
            case 0: _ = try ProvisioningTransition.deactivateFromIdP(member, at: t1)
            case 1: _ = try ProvisioningTransition.reactivateFromIdP(member, settings: settings, at: t1)
            case 2: _ = try ProvisioningTransition.updateFromIdP(member, with: try Fixture.draft(), settings: settings, at: t1)
            default: _ = try ProvisioningTransition.deprovision(member, at: t1)
            }
        }
    }

    @Test("welcome email is requested at most once: created inactive, reactivated, deactivated, reactivated")
    func welcomeAtMostOnce() throws {
        let created = try ProvisioningTransition.provision(try Fixture.draft(active: false), tenantID: Fixture.tenant, settings: settings, at: Fixture.t0)
        #expect(created.member.welcomeEmailRequestedAt == nil)
        let first = try ProvisioningTransition.reactivateFromIdP(created.member, settings: settings, at: t1)
        #expect(first.events.map(\.kind) == [.memberReactivated, .welcomeEmailRequested])
        let off = try ProvisioningTransition.deactivateFromIdP(first.member, at: t1)
        let again = try ProvisioningTransition.reactivateFromIdP(off.member, settings: settings, at: t1)
        #expect(again.events.map(\.kind) == [.memberReactivated])
    }

    @Test("PUT with active=false updates and deactivates in one step")
    func applyFromIdPCombines() throws {
        let member = try Fixture.member()
        let result = try ProvisioningTransition.applyFromIdP(member, with: try Fixture.draft(family: "King", active: false), settings: settings, at: t1)
        #expect(result.events.map(\.kind) == [.memberUpdated, .memberDeactivated])
        #expect(result.member.familyName == "King" && !result.member.idpActive)
        #expect(result.member.version == 3)
    }

    @Test("purge before retention, or of a live member, is refused")
    func purgeNeedsRetention() throws {
        let live = try Fixture.member()
        #expect(throws: MemberError.notDeprovisioned(live.id)) { try ProvisioningTransition.purge(live, settings: settings, at: t1) }
        let gone = try ProvisioningTransition.deprovision(live, at: t1).member
        let early = t1.addingTimeInterval(TenantSettings.defaultRetention - 1)
        #expect(!ProvisioningTransition.isDueForPurge(gone, settings: settings, at: early))
        #expect(throws: MemberError.self) { try ProvisioningTransition.purge(gone, settings: settings, at: early) }
        let custom = TenantSettings(deprovisionedRetention: 0)
        #expect(ProvisioningTransition.isDueForPurge(gone, settings: custom, at: t1))
        let purged = try ProvisioningTransition.purge(gone, settings: custom, at: t1).member
        #expect(throws: MemberError.purged(live.id)) { try ProvisioningTransition.purge(purged, settings: custom, at: t1) }
    }

    @Test("an empty or blank userName is refused, on create and on update", arguments: ["", " ", "\t", "\n", "\u{00A0}", "\u{200B}", "\r\n\u{2028}"])
    func emptyUserName(userName: String) throws {
        #expect(throws: MemberError.missingField("userName")) {
            try ProvisioningTransition.provision(try Fixture.draft(userName: userName), tenantID: Fixture.tenant, settings: settings, at: t1)
        }
        let live = try ProvisioningTransition.provision(try Fixture.draft(), tenantID: Fixture.tenant, settings: settings, at: t1).member
        #expect(throws: MemberError.missingField("userName")) {
            try ProvisioningTransition.updateFromIdP(live, with: try Fixture.draft(userName: userName), settings: settings, at: t1)
        }
    }

    @Test("the version counts transitions and only changes when something changed")
    func versionCounts() throws {
        let created = try ProvisioningTransition.provision(try Fixture.draft(), tenantID: Fixture.tenant, settings: settings, at: Fixture.t0)
        #expect(created.member.version == 1)
        let off = try ProvisioningTransition.deactivateFromIdP(created.member, at: t1)
        #expect(off.member.version == 2 && off.member.updatedAt == t1)
        let same = try ProvisioningTransition.deactivateFromIdP(off.member, at: t1.addingTimeInterval(5))
        #expect(same.member == off.member)
    }
}

@Suite("Re-provisioning after deletion — new member unless the tenant opts into re-linking")
struct RelinkTests {
    let at = Fixture.t0.addingTimeInterval(Fixture.day)

    @Test("re-linking is refused unless the tenant opted in")
    func refusedByDefault() throws {
        let gone = try Fixture.member(lifecycle: .deprovisioned)
        #expect(throws: MemberError.relinkingDisabled) {
            try ProvisioningTransition.relink(gone, with: try Fixture.draft(), settings: TenantSettings(), at: at)
        }
    }

    @Test("an opted-in tenant gets the old member back: same id, history, no second welcome")
    func relinks() throws {
        let gone = try Fixture.member(localStatus: .inactive(.unsubscribed), lifecycle: .deprovisioned, version: 4)
        let settings = TenantSettings(relinksReprovisionedMembers: true)
        let result = try ProvisioningTransition.relink(gone, with: try Fixture.draft(family: "King"), settings: settings, at: at)
        #expect(result.member.id == gone.id && result.member.lifecycle == .live && result.member.deprovisionedAt == nil)
        #expect(result.member.familyName == "King" && result.member.localStatus == .inactive(.unsubscribed))
        #expect(result.member.version == 5)
        #expect(result.events.map(\.kind) == [.memberProvisioned])
        #expect(result.events.first?.idempotencyKey.rawValue == "MemberProvisioned/acme/m1/5")
    }

    @Test("live and purged members cannot be re-linked")
    func onlyDeprovisioned() throws {
        let settings = TenantSettings(relinksReprovisionedMembers: true)
        #expect(throws: MemberError.notDeprovisioned(MemberID("m1"))) {
            try ProvisioningTransition.relink(try Fixture.member(), with: try Fixture.draft(), settings: settings, at: at)
        }
        #expect(throws: MemberError.purged(MemberID("m1"))) {
            try ProvisioningTransition.relink(try Fixture.member(lifecycle: .purged), with: try Fixture.draft(), settings: settings, at: at)
        }
    }
}

import Foundation
import Testing
@testable import Coffee

@Suite("Domain events — idempotency keys and payloads")
struct DomainEventTests {
    let settings = TenantSettings()
    let t1 = Fixture.t0.addingTimeInterval(60)

    @Test("a retried transition over the same stored member produces the same keys")
    func retriedTransitionSameKeys() throws {
        let member = try Fixture.member(version: 7)
        let first = try ProvisioningTransition.deactivateFromIdP(member, at: t1)
        let retry = try ProvisioningTransition.deactivateFromIdP(member, at: t1.addingTimeInterval(3))
        #expect(first.events.map(\.idempotencyKey) == retry.events.map(\.idempotencyKey))
        #expect(first.events.first?.idempotencyKey.rawValue == "MemberDeactivated/acme/m1/8")
    }

    @Test("successive transitions produce distinct keys")
    func successiveTransitionsDistinctKeys() throws {
        var member = try Fixture.member()
        var keys: [IdempotencyKey] = []
        for step in 0..<4 {
            let result = step.isMultiple(of: 2)
                ? try ProvisioningTransition.deactivateFromIdP(member, at: t1)
                : try ProvisioningTransition.reactivateFromIdP(member, settings: settings, at: t1)
            keys += result.events.map(\.idempotencyKey)
            member = result.member
        }
        #expect(Set(keys).count == 4)
    }

    @Test("the welcome email key has no sequence: at most once per member")
    func welcomeKeyHasNoSequence() throws {
        let created = try ProvisioningTransition.provision(try Fixture.draft(), tenantID: Fixture.tenant, settings: settings, at: t1)
        let keys = created.events.map(\.idempotencyKey.rawValue)
        #expect(keys == ["MemberProvisioned/acme/m1/1", "WelcomeEmailRequested/acme/m1"])
    }

    @Test("the welcome email carries address, given name and locale, nothing else personal")
    func welcomePayload() throws {
        var draft = try Fixture.draft(categories: [.department: ["R&D"]])
        draft.locale = "fr-FR"
        let created = try ProvisioningTransition.provision(draft, tenantID: Fixture.tenant, settings: settings, at: t1)
        guard case .welcomeEmailRequested(let welcome) = created.events.last else {
            Issue.record("no welcome email")
            return
        }
        #expect(welcome.email.rawValue == "ada@example.com")
        #expect(welcome.givenName == "Ada")
        #expect(welcome.locale == "fr-FR")
        #expect(welcome.header.memberID == MemberID("m1"))
    }

    @Test("MemberUpdated names changed fields and categories, never values")
    func updatedPayload() throws {
        let member = try Fixture.member(categories: [.department: ["R&D"]])
        let result = try ProvisioningTransition.updateFromIdP(member, with: try Fixture.draft(given: "Augusta", email: "ada.king@example.com", categories: [.department: ["Ops"]]), settings: settings, at: t1)
        guard case .memberUpdated(let updated) = result.events.first else {
            Issue.record("no update event")
            return
        }
        #expect(updated.changedFields == ["emails", "givenName"])
        #expect(updated.changedCategories == [.department])
    }

    @Test("every event kind has a distinct stored name", arguments: EventKind.allCases)
    func kindNames(kind: EventKind) {
        #expect(kind.rawValue.first?.isUppercase == true)
        #expect(EventKind.allCases.filter { $0.rawValue == kind.rawValue }.count == 1)
    }

    @Test("tokens never appear in descriptions")
    func tokenRedacted() {
        var generator = FixtureRandom(seed: 1)
        let token = InvitationToken.generate(using: &generator)
        #expect(!"\(token)".contains(token.rawValue))
    }
}

/// Tokens are base64url without padding, the same text Foundation's base64 with the
/// alphabet swapped gives (the direct encoder replaced three `replacingOccurrences`).
@Suite("Invitation token encoding")
struct InvitationTokenEncodingTests {
    @Test("base64url of every length and byte value matches Foundation's base64, unpadded and with - and _",
          arguments: [0, 1, 2, 3, 4, 5, 31, 32, 33, 64])
    func base64URL(length: Int) {
        var generator = FixtureRandom(seed: UInt64(length) + 7)
        for round in 0..<50 {
            let bytes = (0..<length).map { index in round == 0 ? UInt8(truncatingIfNeeded: 255 - index) : UInt8.random(in: 0...255, using: &generator) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(InvitationToken.base64URL(bytes) == expected)
        }
    }

    @Test("a generated token is 43 characters of the base64url alphabet")
    func generatedShape() {
        var generator = FixtureRandom(seed: 3)
        let token = InvitationToken.generate(using: &generator).rawValue
        #expect(token.count == 43)
        #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
    }
}

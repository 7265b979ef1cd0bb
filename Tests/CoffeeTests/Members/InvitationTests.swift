import Foundation
import Testing
@testable import Coffee

@Suite("Invitations — pending until accepted, single-use expiring tokens, link limited to allowed domains")
struct InvitationTests {
    let settings = TenantSettings(allowedEmailDomains: AllowedEmailDomains(["example.com", "@Example.FR"]))

    func invite(seed: UInt64 = 42) throws -> Invitation.Result {
        var generator = FixtureRandom(seed: seed)
        return try Invitation.invite(try Fixture.email(), memberID: MemberID("m1"), tenantID: Fixture.tenant, settings: settings,
                                     at: Fixture.t0, using: &generator)
    }

    @Test("inviting creates a pending member and requests the invitation email, no welcome yet")
    func inviteCreatesPending() throws {
        let result = try invite()
        #expect(result.member.localStatus == .pending && result.member.source == .invitation)
        #expect(!Eligibility.of(result.member, at: Fixture.t0).isEligible)
        #expect(result.events.map(\.kind) == [.memberProvisioned, .invitationEmailRequested])
        #expect(result.invitation.status == .pending)
        #expect(result.invitation.expiresAt == Fixture.t0.addingTimeInterval(Invitation.defaultLifetime))
    }

    @Test("the names the admin gave are the pending member's, and the invitation email greets by the given name")
    func inviteWithNames() throws {
        var generator = FixtureRandom(seed: 7)
        let result = try Invitation.invite(try Fixture.email(), memberID: MemberID("m1"), tenantID: Fixture.tenant, settings: settings,
                                           givenName: " Inès ", familyName: "Roy", at: Fixture.t0, using: &generator)
        #expect(result.member.givenName == "Inès" && result.member.familyName == "Roy")
        guard case .invitationEmailRequested(let request) = result.events.last else {
            Issue.record("\(result.events)")
            return
        }
        #expect(request.givenName == "Inès")
        #expect(try invite().events.compactMap { event -> String? in
            if case .invitationEmailRequested(let request) = event { return request.givenName } else { return nil }
        } == [""])
    }

    @Test("tokens come from the injected generator: 43 base64url characters, reproducible, distinct per seed")
    func tokens() throws {
        let a = try invite(seed: 1).invitation.token, b = try invite(seed: 1).invitation.token, c = try invite(seed: 2).invitation.token
        #expect(a == b && a != c)
        #expect(a.rawValue.count == 43)
        #expect(a.rawValue.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    enum Attempt: String, CaseIterable, Sendable {
        case valid, wrongToken, truncatedToken, expired, atExpiry, alreadyUsed, missingName
    }

    @Test(arguments: Attempt.allCases)
    func acceptance(attempt: Attempt) throws {
        let invited = try invite()
        var invitation = invited.invitation
        var token = invitation.token.rawValue
        var at = Fixture.t0.addingTimeInterval(Fixture.day)
        var given = "Ada"
        switch attempt {
        case .valid: break
        case .wrongToken: token = String(token.reversed())
        case .truncatedToken: token = String(token.dropLast())
        case .expired: at = invitation.expiresAt.addingTimeInterval(1)
        case .atExpiry: at = invitation.expiresAt
        case .alreadyUsed: invitation.status = .registered(at: Fixture.t0)
        case .missingName: given = " "
        }
        let outcome = Result { () throws(InvitationError) in
            try invitation.accept(presentedToken: token, member: invited.member, givenName: given, familyName: "Lovelace", settings: settings, at: at)
        }
        switch (attempt, outcome) {
        case (.valid, .success(let accepted)):
            #expect(accepted.member.localStatus == .active && accepted.member.givenName == "Ada")
            #expect(accepted.invitation.status == .registered(at: at))
            #expect(accepted.events.map(\.kind) == [.invitationAccepted, .welcomeEmailRequested])
            #expect(Eligibility.of(accepted.member, at: at).isEligible)
            #expect(throws: InvitationError.alreadyUsed) {
                try accepted.invitation.accept(presentedToken: token, member: accepted.member, givenName: "Ada", familyName: "L", settings: settings, at: at)
            }
        case (.wrongToken, .failure(let error)), (.truncatedToken, .failure(let error)): #expect(error == .invalidToken)
        case (.expired, .failure(let error)), (.atExpiry, .failure(let error)): #expect(error == .expired(at: invitation.expiresAt))
        case (.alreadyUsed, .failure(let error)): #expect(error == .alreadyUsed)
        case (.missingName, .failure(let error)): #expect(error == .invalidMember(.missingField("givenName")))
        default: Issue.record("unexpected outcome \(outcome) for \(attempt)")
        }
    }

    struct SignUp: Sendable, CustomTestStringConvertible {
        let email: String
        let enabled: Bool
        let wrongToken: Bool
        let error: InvitationError?
        var testDescription: String { "\(email) enabled=\(enabled) wrongToken=\(wrongToken)" }
    }

    @Test(arguments: [
        SignUp(email: "ada@example.com", enabled: true, wrongToken: false, error: nil),
        SignUp(email: "Ada@EXAMPLE.COM", enabled: true, wrongToken: false, error: nil),
        SignUp(email: "zoe@example.fr", enabled: true, wrongToken: false, error: nil),
        SignUp(email: "eve@evil.com", enabled: true, wrongToken: false, error: .domainNotAllowed("evil.com")),
        SignUp(email: "eve@mail.example.com", enabled: true, wrongToken: false, error: .domainNotAllowed("mail.example.com")),
        SignUp(email: "eve@example.com.evil.com", enabled: true, wrongToken: false, error: .domainNotAllowed("example.com.evil.com")),
        SignUp(email: "ada@example.com", enabled: false, wrongToken: false, error: .linkDisabled),
        SignUp(email: "ada@example.com", enabled: true, wrongToken: true, error: .invalidToken),
    ])
    func invitationLink(_ row: SignUp) throws {
        var generator = FixtureRandom(seed: 7)
        var link = InvitationLink.create(tenantID: Fixture.tenant, using: &generator)
        link.isEnabled = row.enabled
        let draft = try Fixture.draft(userName: row.email, email: row.email)
        let token = row.wrongToken ? "nope" : link.token.rawValue
        if let error = row.error {
            #expect(throws: error) { try link.signUp(presentedToken: token, draft: draft, settings: settings, at: Fixture.t0) }
        } else {
            let result = try link.signUp(presentedToken: token, draft: draft, settings: settings, at: Fixture.t0)
            #expect(result.member.source == .invitation && result.member.localStatus == .active)
            #expect(result.events.map(\.kind) == [.memberProvisioned, .welcomeEmailRequested])
        }
    }

    @Test("the refusal tells the person what to do")
    func refusalIsClear() {
        #expect(InvitationError.domainNotAllowed("evil.com").description.contains("ask your administrator"))
    }

    @Test("no allowed domain means nobody signs up through the link")
    func noDomainsNoSignUp() throws {
        var generator = FixtureRandom(seed: 7)
        let link = InvitationLink.create(tenantID: Fixture.tenant, using: &generator)
        #expect(throws: InvitationError.domainNotAllowed("example.com")) {
            try link.checkSignUp(presentedToken: link.token.rawValue, email: try Fixture.email(), settings: TenantSettings())
        }
    }
}

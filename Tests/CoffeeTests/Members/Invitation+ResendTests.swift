import Foundation
import Testing
@testable import Coffee

@Suite("Invitations — resending a pending invitation")
struct InvitationResendTests {
    let later = Fixture.t0.addingTimeInterval(20 * 86_400)

    func invited(givenName: String = "Inès") throws -> Invitation.Result {
        var generator = FixtureRandom(seed: 42)
        return try Invitation.invite(try Fixture.email(), memberID: MemberID("m1"), tenantID: Fixture.tenant, settings: TenantSettings(),
                                     givenName: givenName, at: Fixture.t0, using: &generator)
    }

    @Test("a new token and expiry, the first sending date, the member's version bumped, one invitation email like the first")
    func resendPending() throws {
        let first = try invited()
        var generator = FixtureRandom(seed: 9)
        let again = try Invitation.resend(to: first.member, email: first.invitation.email, createdAt: first.invitation.createdAt,
                                          at: later, using: &generator)
        #expect(again.invitation.token != first.invitation.token)
        #expect(again.invitation.expiresAt == later.addingTimeInterval(Invitation.defaultLifetime))
        #expect(again.invitation.createdAt == Fixture.t0 && again.invitation.status == .pending)
        #expect(again.member.version == first.member.version + 1 && again.member.localStatus == .pending)
        guard case .invitationEmailRequested(let request)? = again.events.first, again.events.count == 1,
              case .invitationEmailRequested(let original)? = first.events.last else {
            Issue.record("\(again.events)")
            return
        }
        #expect(request.token == again.invitation.token && request.email == original.email && request.givenName == original.givenName)
        #expect(again.events[0].idempotencyKey != first.events.last?.idempotencyKey, "not taken for a retry of the first email")
    }

    @Test("refused once the member is no longer live and pending", arguments: [LocalStatus.active, .inactive(.admin)])
    func refusedWhenNotPending(_ status: LocalStatus) throws {
        var member = try invited().member
        member.localStatus = status
        var generator = FixtureRandom(seed: 9)
        #expect(throws: InvitationError.memberNotPending(member.id)) {
            try Invitation.resend(to: member, email: try Fixture.email(), createdAt: Fixture.t0, at: later, using: &generator)
        }
        member.localStatus = .pending
        member.lifecycle = .deprovisioned
        #expect(throws: InvitationError.memberNotPending(member.id)) {
            try Invitation.resend(to: member, email: try Fixture.email(), createdAt: Fixture.t0, at: later, using: &generator)
        }
    }
}

import Foundation

extension Invitation {
    /// Sends a pending invitation again (issue 13, item 5): a fresh token from
    /// `generator` (the old one stops working once the Store replaces its hash), a new
    /// expiry `lifetime` after `date`, and ``InvitationEmailRequested`` as the first
    /// invitation asked it (same address, same greeting). The member's version is bumped,
    /// so the new email is not taken for a retry of the first one. Refused with
    /// ``InvitationError/memberNotPending(_:)`` when the member is no longer live and
    /// pending (accepted, removed, deprovisioned).
    public static func resend(
        to member: Member, email: EmailAddress, createdAt: Date,
        lifetime: TimeInterval = Invitation.defaultLifetime, at date: Date,
        using generator: inout some RandomNumberGenerator
    ) throws(InvitationError) -> Result {
        guard member.lifecycle == .live, member.localStatus == .pending else { throw .memberNotPending(member.id) }
        var next = member
        ProvisioningTransition.bump(&next, at: date)
        let token = InvitationToken.generate(using: &generator)
        let invitation = Invitation(memberID: member.id, tenantID: member.tenantID, email: email, token: token,
                                    createdAt: createdAt, expiresAt: date.addingTimeInterval(lifetime))
        let request = InvitationEmailRequested(header: EventHeader(member: next, at: date), email: email, token: token,
                                               expiresAt: invitation.expiresAt, givenName: member.givenName)
        return Result(invitation: invitation, member: next, events: [.invitationEmailRequested(request)])
    }
}

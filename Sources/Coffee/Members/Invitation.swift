import Foundation

/// An invitation by email: a pending member, and a single-use, expiring acceptance token
/// (seed README, "Invitations"; listed with status Pending / Registered).
public struct Invitation: Sendable, Equatable, Identifiable {
    /// Pending or registered.
    public enum Status: Sendable, Equatable {
        /// Sent, not yet accepted.
        case pending
        /// Accepted at the given date; the token is spent.
        case registered(at: Date)
    }

    /// The invited member's id, which is also the invitation's.
    public let memberID: MemberID
    /// The organisation.
    public let tenantID: TenantID
    /// The invited address.
    public let email: EmailAddress
    /// The acceptance token (store a hash of it if the Store can; Coffee has no hashing).
    public let token: InvitationToken
    /// When it was sent.
    public let createdAt: Date
    /// When the token stops working.
    public let expiresAt: Date
    /// Pending or registered.
    public var status: Status

    /// The member's id, as `Identifiable` wants.
    public var id: MemberID { memberID }

    /// How long an invitation stays valid by default: 14 days.
    public static let defaultLifetime: TimeInterval = 14 * 24 * 60 * 60

    /// Creates an invitation value.
    public init(memberID: MemberID, tenantID: TenantID, email: EmailAddress, token: InvitationToken, createdAt: Date, expiresAt: Date, status: Status = .pending) {
        self.memberID = memberID
        self.tenantID = tenantID
        self.email = email
        self.token = token
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.status = status
    }

    /// The result of inviting or accepting: the invitation, the member and the events.
    public struct Result: Sendable, Equatable {
        /// The invitation after the step.
        public var invitation: Invitation
        /// The member after the step.
        public var member: Member
        /// The events to append to the outbox.
        public var events: [DomainEvent]
    }

    /// Invites `email`: creates a `pending` member of source `invitation` (named from the
    /// address until they register) and the invitation, with a fresh token from
    /// `generator`. Events: ``MemberProvisioned`` (pending) and
    /// ``InvitationEmailRequested``, which greets the person by `givenName` when the admin
    /// gave one (the person may change the names when accepting).
    public static func invite(
        _ email: EmailAddress, memberID: MemberID, tenantID: TenantID, settings: TenantSettings,
        givenName: String = "", familyName: String = "",
        lifetime: TimeInterval = Invitation.defaultLifetime, at date: Date,
        using generator: inout some RandomNumberGenerator
    ) throws(MemberError) -> Result {
        let given = MemberName.cleaned(givenName.trimmingCharacters(in: .whitespacesAndNewlines))
        let family = MemberName.cleaned(familyName.trimmingCharacters(in: .whitespacesAndNewlines))
        let draft = MemberDraft(id: memberID, userName: email.rawValue, givenName: given, familyName: family, emails: [email])
        let created = try ProvisioningTransition.provision(draft, tenantID: tenantID, source: .invitation, settings: settings,
                                                           sendsWelcomeEmail: false, localStatus: .pending, at: date)
        let token = InvitationToken.generate(using: &generator)
        let invitation = Invitation(memberID: memberID, tenantID: tenantID, email: email, token: token,
                                    createdAt: date, expiresAt: date.addingTimeInterval(lifetime))
        let request = InvitationEmailRequested(header: EventHeader(member: created.member, at: date), email: email,
                                               token: token, expiresAt: invitation.expiresAt, givenName: given)
        return Result(invitation: invitation, member: created.member, events: created.events + [.invitationEmailRequested(request)])
    }

    /// Accepts with `presentedToken` and the names the person gave: the member becomes
    /// `active` (Pending → Registered), ``DomainEvent/invitationAccepted(_:)`` and the
    /// welcome email if the tenant wants it. The token is single-use and expires at
    /// ``expiresAt`` (exclusive).
    public func accept(
        presentedToken: String, member: Member, givenName: String, familyName: String,
        settings: TenantSettings, at date: Date
    ) throws(InvitationError) -> Result {
        guard token.matches(presentedToken) else { throw .invalidToken }
        if case .registered = status { throw .alreadyUsed }
        guard date < expiresAt else { throw .expired(at: expiresAt) }
        guard member.id == memberID, member.lifecycle == .live, member.localStatus == .pending else {
            throw .memberNotPending(member.id)
        }
        // One line (``MemberName``), then required.
        let given = MemberName.cleaned(givenName.trimmingCharacters(in: .whitespacesAndNewlines))
        let family = MemberName.cleaned(familyName.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !given.isEmpty else { throw .invalidMember(.missingField("givenName")) }
        guard !family.isEmpty else { throw .invalidMember(.missingField("familyName")) }
        var next = member
        next.givenName = given
        next.familyName = family
        next.localStatus = .active
        ProvisioningTransition.bump(&next, at: date)
        var events: [DomainEvent] = [.invitationAccepted(MemberStatusChanged(header: EventHeader(member: next, at: date)))]
        if let welcome = ProvisioningTransition.requestWelcomeEmail(for: &next, wanted: settings.sendsWelcomeEmail, at: date) {
            events.append(welcome)
        }
        var accepted = self
        accepted.status = .registered(at: date)
        return Result(invitation: accepted, member: next, events: events)
    }
}

import Foundation

/// Something that happened in the domain, written to the outbox in the same transaction
/// as the change that caused it (architecture.md, "Events, not side effects").
///
/// Events carry ids, not personal data, except where a deliverer cannot do without:
/// the welcome, invitation and left-unmatched emails carry the address, the given name
/// and the locale; a match introduction, its members' names, addresses, time zones and
/// the values of the categories the rules read.
public enum DomainEvent: Sendable, Equatable {
    /// A member was created.
    case memberProvisioned(MemberProvisioned)
    /// A welcome email is due.
    case welcomeEmailRequested(WelcomeEmailRequested)
    /// The identity provider deactivated a member.
    case memberDeactivated(MemberStatusChanged)
    /// The identity provider reactivated a member.
    case memberReactivated(MemberStatusChanged)
    /// A member's attributes or category values changed.
    case memberUpdated(MemberUpdated)
    /// The identity provider deleted a member.
    case memberDeprovisioned(MemberStatusChanged)
    /// A member's personal data was purged.
    case memberPurged(MemberStatusChanged)
    /// An invitation email is due.
    case invitationEmailRequested(InvitationEmailRequested)
    /// An invited member accepted.
    case invitationAccepted(MemberStatusChanged)
    /// A group's members changed.
    case groupMembershipChanged(GroupMembershipChanged)
    /// A group used as an audience was deleted.
    case programAudienceBroken(ProgramAudienceBroken)
    /// A matched group of a session is to be introduced by email.
    case matchIntroRequested(MatchIntroRequested)
    /// A member of a matched session was left without a group (priority next time).
    case memberLeftUnmatched(MemberLeftUnmatched)
    /// A member asked for a sign-in link to the Member Portal.
    case signInLinkRequested(SignInLinkRequested)
    /// A member is asked, some days after a match, whether the group met.
    case meetingFeedbackRequested(MeetingFeedbackRequested)
    /// Someone signed up in the portal and must confirm their address.
    case signUpConfirmationRequested(SignUpConfirmationRequested)
    /// An address on an organisation's console list asked for a sign-in link to the admin
    /// console (issue 13); the subject is `console:` and the folded address.
    case consoleSignInLinkRequested(SignInLinkRequested)
    /// A matched group's "Did you meet?" questions, staged as one row until they are due.
    case meetingFeedbackScheduled(MeetingFeedbackScheduled)

    /// The event's kind, as stored.
    public var kind: EventKind {
        switch self {
        case .memberProvisioned: .memberProvisioned
        case .welcomeEmailRequested: .welcomeEmailRequested
        case .memberDeactivated: .memberDeactivated
        case .memberReactivated: .memberReactivated
        case .memberUpdated: .memberUpdated
        case .memberDeprovisioned: .memberDeprovisioned
        case .memberPurged: .memberPurged
        case .invitationEmailRequested: .invitationEmailRequested
        case .invitationAccepted: .invitationAccepted
        case .groupMembershipChanged: .groupMembershipChanged
        case .programAudienceBroken: .programAudienceBroken
        case .matchIntroRequested: .matchIntroRequested
        case .memberLeftUnmatched: .memberLeftUnmatched
        case .signInLinkRequested: .signInLinkRequested
        case .meetingFeedbackRequested: .meetingFeedbackRequested
        case .signUpConfirmationRequested: .signUpConfirmationRequested
        case .consoleSignInLinkRequested: .consoleSignInLinkRequested
        case .meetingFeedbackScheduled: .meetingFeedbackScheduled
        }
    }

    /// The common header of the event.
    public var header: EventHeader {
        switch self {
        case .memberProvisioned(let event): event.header
        case .welcomeEmailRequested(let event): event.header
        case .memberDeactivated(let event), .memberReactivated(let event),
            .memberDeprovisioned(let event), .memberPurged(let event), .invitationAccepted(let event):
            event.header
        case .memberUpdated(let event): event.header
        case .invitationEmailRequested(let event): event.header
        case .groupMembershipChanged(let event): event.header
        case .programAudienceBroken(let event): event.header
        case .matchIntroRequested(let event): event.header
        case .memberLeftUnmatched(let event): event.header
        case .signInLinkRequested(let event), .consoleSignInLinkRequested(let event): event.header
        case .meetingFeedbackRequested(let event): event.header
        case .signUpConfirmationRequested(let event): event.header
        case .meetingFeedbackScheduled(let event): event.header
        }
    }

    /// The deduplication key (see ``IdempotencyKey``). The welcome email's key has no
    /// sequence, so it is requested at most once per member even across retries; a match
    /// introduction's ends with its group's number, so each group of a session is
    /// introduced once however often the session's matching is committed; a member left
    /// unmatched is told once per session (the key ends with the session's id).
    public var idempotencyKey: IdempotencyKey {
        let header = header
        let sequence: Int?
        switch self {
        case .welcomeEmailRequested: sequence = nil
        case .matchIntroRequested(let introduction): sequence = introduction.group
        case .memberLeftUnmatched(let unmatched):
            return IdempotencyKey(kind: kind, tenant: header.tenantID, subject: header.subject, scope: unmatched.sessionID)
        case .signInLinkRequested(let request), .consoleSignInLinkRequested(let request):
            // Each link is its own email: scoped by the link, never by its secret token.
            return IdempotencyKey(kind: kind, tenant: header.tenantID, subject: header.subject, scope: request.linkID)
        case .meetingFeedbackRequested(let request):
            // One question per member per group, however often the session's matching is retried.
            return IdempotencyKey(kind: kind, tenant: header.tenantID, subject: header.subject,
                                  scope: PortalLink.groupSubject(session: request.sessionID, number: request.group))
        case .meetingFeedbackScheduled(let scheduled):
            // Once per group, however often the session's matching is retried.
            return IdempotencyKey(kind: kind, tenant: header.tenantID, subject: header.subject,
                                  scope: PortalLink.groupSubject(session: scheduled.sessionID, number: scheduled.group))
        default: sequence = header.sequence
        }
        return IdempotencyKey(kind: kind, tenant: header.tenantID, subject: header.subject, sequence: sequence)
    }
}

extension DomainEvent {
    /// When the outbox may deliver the event: when it happened, except a follow-up that
    /// waits (``MeetingFeedbackRequested/dueAt``).
    public var dueAt: Date {
        switch self {
        case .meetingFeedbackRequested(let request): max(request.dueAt, header.occurredAt)
        case .meetingFeedbackScheduled(let scheduled): max(scheduled.dueAt, header.occurredAt)
        default: header.occurredAt
        }
    }
}

/// What every event says: whose, about what, at which version of it, and when.
public struct EventHeader: Sendable, Equatable {
    /// The tenant.
    public var tenantID: TenantID
    /// The member or group id the event is about.
    public var subject: String
    /// The subject's version after the transition.
    public var sequence: Int
    /// When the transition happened (the injected clock's value).
    public var occurredAt: Date

    /// Creates a header.
    public init(tenantID: TenantID, subject: String, sequence: Int, occurredAt: Date) {
        self.tenantID = tenantID
        self.subject = subject
        self.sequence = sequence
        self.occurredAt = occurredAt
    }

    /// The header of an event about `member` as it is after the transition.
    public init(member: Member, at date: Date) {
        self.init(tenantID: member.tenantID, subject: member.id.rawValue, sequence: member.version, occurredAt: date)
    }

    /// The member id, when the subject is a member.
    public var memberID: MemberID { MemberID(subject) }
}

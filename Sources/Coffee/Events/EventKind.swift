/// The name of a ``DomainEvent`` case, as stored in the outbox's `kind` column.
public enum EventKind: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// A member was created by any door.
    case memberProvisioned = "MemberProvisioned"
    /// A welcome email is due (at most once per member).
    case welcomeEmailRequested = "WelcomeEmailRequested"
    /// The identity provider set `active = false`.
    case memberDeactivated = "MemberDeactivated"
    /// The identity provider set `active = true` again.
    case memberReactivated = "MemberReactivated"
    /// Attributes or category values changed.
    case memberUpdated = "MemberUpdated"
    /// The identity provider deleted the member.
    case memberDeprovisioned = "MemberDeprovisioned"
    /// Personal data was anonymised after retention.
    case memberPurged = "MemberPurged"
    /// An invitation email is due.
    case invitationEmailRequested = "InvitationEmailRequested"
    /// An invited member accepted and became active.
    case invitationAccepted = "InvitationAccepted"
    /// Members joined or left a group.
    case groupMembershipChanged = "GroupMembershipChanged"
    /// A group used as an audience was deleted; programs using it must pause.
    case programAudienceBroken = "ProgramAudienceBroken"
    /// A matched group of a session is to be introduced by email.
    case matchIntroRequested = "MatchIntroRequested"
    /// A member of a matched session was left without a group and is to be told.
    case memberLeftUnmatched = "MemberLeftUnmatched"
    /// A member asked for a link to sign in to the Member Portal (an email).
    case signInLinkRequested = "SignInLinkRequested"
    /// A member is asked whether its group met (an email, due some days after the match).
    case meetingFeedbackRequested = "MeetingFeedbackRequested"
    /// Someone signed up in the portal: an email whose link confirms the address.
    case signUpConfirmationRequested = "SignUpConfirmationRequested"
    /// A sign-in link to the admin console (issue 13).
    case consoleSignInLinkRequested = "ConsoleSignInLinkRequested"
    /// A matched group's "Did you meet?" questions, one compact row until they are due
    /// (issue 16): the deliverer then queues one `MeetingFeedbackRequested` per member.
    case meetingFeedbackScheduled = "MeetingFeedbackScheduled"
}

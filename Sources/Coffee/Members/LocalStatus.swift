/// The platform-owned status of a member (domain.md, "Members and their lifecycle").
/// SCIM never changes it; only the admin, the member, invitations and bounces do.
public enum LocalStatus: Sendable, Equatable, Hashable {
    /// Invited by email and not yet registered.
    case pending
    /// Taking part.
    case active
    /// Taken out of matching by the platform, for `reason`.
    case inactive(InactiveReason)
}

/// Why a member's ``LocalStatus`` is `inactive`.
public enum InactiveReason: String, Sendable, Equatable, Hashable, CaseIterable {
    /// An admin deactivated the member.
    case admin
    /// The member unsubscribed.
    case unsubscribed
    /// Emails to the member bounced.
    case bounced
}

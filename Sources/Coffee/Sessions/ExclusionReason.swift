import Foundation

/// Why a member is not among a session's participants.
public enum ExclusionReason: Hashable, Sendable {
    /// The member is not eligible (``Eligibility``): not live (deprovisioned,
    /// purged), deactivated by the identity provider, pending or inactive, snoozed, or
    /// left the program (``IneligibilityReason/optedOut``).
    case ineligible(IneligibilityReason)
    /// Snoozed in this program until the date (exclusive).
    case snoozedInProgram(until: Date)
    /// Opted out of this session.
    case optedOutOfSession
    /// The program is `optIn` and the member did not opt in to this session.
    case notOptedIn
    /// The member opted in to the session but is no longer in the program's audience
    /// (left the group, category values changed).
    case outsideAudience
}

import Foundation

/// Whether a member may be matched, and if not, every reason why (domain.md: eligible
/// only when `lifecycle = live`, `idpActive`, `localStatus = active`, not snoozed, not
/// opted out of that program). Checked again at match time.
public enum Eligibility: Sendable, Equatable {
    /// The member may be matched.
    case eligible
    /// The member may not be matched; the reasons are in declaration order.
    case ineligible([IneligibilityReason])

    /// Evaluates the rule for `member` at `date`. `isOptedOutOfProgram` is the program's
    /// own record of the member's opt-out, which the member value does not hold.
    public static func of(_ member: Member, at date: Date, isOptedOutOfProgram: Bool = false) -> Eligibility {
        var reasons: [IneligibilityReason] = []
        if member.lifecycle != .live { reasons.append(.notLive(member.lifecycle)) }
        if !member.idpActive { reasons.append(.deactivatedByIdentityProvider) }
        if member.localStatus != .active { reasons.append(.notActive(member.localStatus)) }
        if let until = member.snoozedUntil, until > date { reasons.append(.snoozed(until: until)) }
        if isOptedOutOfProgram { reasons.append(.optedOut) }
        return reasons.isEmpty ? .eligible : .ineligible(reasons)
    }

    /// Whether the member may be matched.
    public var isEligible: Bool { self == .eligible }
}

/// One reason a member may not be matched.
public enum IneligibilityReason: Sendable, Equatable, Hashable {
    /// Deprovisioned or purged.
    case notLive(Lifecycle)
    /// SCIM `active` is false.
    case deactivatedByIdentityProvider
    /// Pending, or inactive for a reason.
    case notActive(LocalStatus)
    /// Snoozed until the given date (exclusive).
    case snoozed(until: Date)
    /// Opted out of the program.
    case optedOut
}

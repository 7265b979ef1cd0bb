/// What a `sameValue` rule does with members that have no value for its category.
public enum SameValueFallback: String, Hashable, Sendable, Codable, CaseIterable {
    /// Members without a value form their own partition and are matched among themselves.
    case amongThemselves
    /// Members without a value may be grouped with anyone.
    case withAnyone
    /// Members without a value are left unmatched with
    /// ``UnmatchedReason/noValueForSameValueRule(category:)``.
    case leaveUnmatched
}

/// One matching rule of a program. Rules are ordered: the first has the highest
/// priority, so its weight is multiplied by the number of rules, the second's by one
/// less, and so on (see ``MatchingConfiguration/rules``).
public enum MatchingRule: Hashable, Sendable, Codable {
    /// Soft: prefer groups whose members have no value of `category` in common
    /// ("match people from different departments"). Each pair that satisfies it adds
    /// `weight` (times the rule's priority multiplier) to the group's score. Pairs in
    /// which a member has no value are neutral.
    case differentValue(category: String, weight: Int = 10)
    /// Hard: members are only grouped with members sharing a value of `category`
    /// ("same city"). Members without a value follow `fallback`.
    case sameValue(category: String, fallback: SameValueFallback = .amongThemselves)
    /// Hard: a member with `valueA` for `categoryA` is never grouped with a member with
    /// `valueB` for `categoryB` (checked in both directions).
    case denyPair(categoryA: String, valueA: String, categoryB: String, valueB: String)
    /// Soft: a member with `valueA` for `categoryA` grouped with a member with `valueB`
    /// for `categoryB` adds `bonus` (times the priority multiplier).
    case allowPair(categoryA: String, valueA: String, categoryB: String, valueB: String, bonus: Int = 10)
    /// Hard, from the org chart: a member is never grouped with their manager or their
    /// direct reports (``Participant/managerID``); with `includingPeers`, nor with anyone
    /// who shares their manager.
    case notWithManager(includingPeers: Bool = false)
    /// Hard, `sameValue` on the time zone: members whose UTC offsets differ by more than
    /// `toleranceHours` are never grouped, so a group can meet at a sane hour for all.
    /// Members without a time zone may be grouped with anyone.
    case sameTimeZone(toleranceHours: Int = 0)
    /// `differentValue` on the time zone: a pair in different time zones (different UTC
    /// offsets) adds `weight`, but members more than `toleranceHours` apart are never
    /// grouped (hard). Members without a time zone are neutral.
    case differentTimeZone(toleranceHours: Int, weight: Int = 10)

    /// The pseudo-category rules name to mean the member's time zone
    /// (`{"type": "sameValue", "category": "timezone", "toleranceHours": 2}`).
    public static let timeZoneCategory = "timezone"

    /// The largest time-zone tolerance that means anything: UTC offsets span 26 hours.
    public static let maximumToleranceHours = 26

    /// Whether breaking the rule makes a grouping invalid (`sameValue`, `denyPair`,
    /// `notWithManager`, the time-zone tolerance) rather than merely worse.
    public var isHard: Bool {
        switch self {
        case .sameValue, .denyPair, .notWithManager, .sameTimeZone, .differentTimeZone: true
        case .differentValue, .allowPair: false
        }
    }
}

/// Why a participant ended a run without a group. Every participant ends either in
/// exactly one group or with one of these reasons.
public enum UnmatchedReason: Hashable, Sendable, Codable {
    /// The participant was the only one in the run.
    case onlyParticipant
    /// Too few participants were left to form a group of the configured size and no
    /// existing group could take one more member (groups are of size g or g + 1).
    case aloneAfterGrouping
    /// Hard rules (avoid lists, `denyPair`, `sameValue`) leave no group this participant
    /// may join.
    case noCompatiblePartner
    /// The participant has no value for a `sameValue` rule whose fallback is
    /// ``SameValueFallback/leaveUnmatched``.
    case noValueForSameValueRule(category: String)
    /// The same participant id appeared more than once in the input; only its first
    /// occurrence took part.
    case duplicateParticipant
}

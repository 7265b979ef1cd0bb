/// Where a session stands (domain.md, "Sessions"):
/// `scheduled → open → matched → closed`, or `cancelled` from `scheduled` or `open`.
/// See ``SessionTransition``.
public enum SessionState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Planned; members may already opt in or out.
    case scheduled
    /// Taking opt-ins (and opt-outs) until the match time.
    case open
    /// Matched: its groups never change afterwards.
    case matched
    /// Over; kept for history and statistics.
    case closed
    /// Called off before matching.
    case cancelled

    /// Whether the session is still to be matched (`scheduled` or `open`).
    public var isPending: Bool { self == .scheduled || self == .open }
}

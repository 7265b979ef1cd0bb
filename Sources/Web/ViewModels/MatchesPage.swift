/// "My matches": the current groups, then past ones (newest first).
public struct MatchesPage: Sendable, Hashable {
    /// The groups of the current session(s).
    public var current: [MatchCard]
    /// Earlier groups, newest first.
    public var past: [MatchCard]

    /// Creates the page.
    public init(current: [MatchCard], past: [MatchCard]) {
        self.current = current
        self.past = past
    }
}

/// "My matches": the current groups, then past ones (newest first).
public struct MatchesPage: Sendable, Hashable {
    public var current: [MatchCard]
    public var past: [MatchCard]

    /// Creates the page.
    public init(current: [MatchCard], past: [MatchCard]) {
        self.current = current
        self.past = past
    }
}

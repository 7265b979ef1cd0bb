/// One category the program's rules used, with the member's values and the partners',
/// and whether they are the same. Everything untrusted.
public struct CategoryComparison: Sendable, Hashable {
    public var category: String
    public var mine: String
    public var theirs: String
    public var isShared: Bool

    /// Creates a row.
    public init(category: String, mine: String, theirs: String, isShared: Bool) {
        self.category = category
        self.mine = mine
        self.theirs = theirs
        self.isShared = isShared
    }
}

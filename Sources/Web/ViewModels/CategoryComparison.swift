/// One category the program's rules used, with the member's values and the partners',
/// and whether they are the same. Everything untrusted.
public struct CategoryComparison: Sendable, Hashable {
    /// The category's name.
    public var category: String
    /// The member's value(s), joined.
    public var mine: String
    /// The partners' value(s), joined.
    public var theirs: String
    /// Whether the values are the same.
    public var isShared: Bool

    /// Creates a row.
    public init(category: String, mine: String, theirs: String, isShared: Bool) {
        self.category = category
        self.mine = mine
        self.theirs = theirs
        self.isShared = isShared
    }
}

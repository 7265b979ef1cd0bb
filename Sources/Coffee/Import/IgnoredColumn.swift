/// A non-mandatory CSV column whose cells are not imported, and why (issue 16: a
/// `Department` column used to be dropped without a word). The dry run lists every one.
public struct IgnoredColumn: Sendable, Equatable, Hashable {
    /// Why a column is not imported.
    public enum Reason: String, Sendable, Equatable, Hashable, CaseIterable {
        /// The admin chose `ignore`.
        case chosen
        /// The column has no header, so nothing says what it holds.
        case unnamed
        /// No decision was given for it (a mapping built by hand that leaves it out).
        case noDecision
        /// Its mapping is refused (see the plan's file errors).
        case invalidMapping
        /// Its header has no letter or digit a category key can take (``CategoryKey/derived(fromLabel:)``).
        case noKey

        /// A sentence for the admin.
        public var description: String {
            switch self {
            case .chosen: "ignored as chosen"
            case .unnamed: "the column has no header; name it in the file to import it"
            case .noDecision: "no category was chosen for it"
            case .invalidMapping: "its mapping is refused (see the file errors)"
            case .noKey: "its header has no letters (a-z) or digits to make a category key of; map it with column.<Header>=new:<Label>, a label with some, or to an existing category"
            }
        }
    }

    /// The header as written.
    public var header: String
    /// The 0-based column index.
    public var index: Int
    /// Why it is ignored.
    public var reason: Reason

    /// Creates an entry.
    public init(header: String, index: Int, reason: Reason) {
        self.header = header
        self.index = index
        self.reason = reason
    }
}

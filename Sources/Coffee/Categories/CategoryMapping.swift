/// Which SCIM attribute paths fill which category, per tenant (domain.md, "Categories").
///
/// Paths are plain strings in SCIM attribute-path syntax (RFC 7644 §3.10), so Coffee
/// stays free of SCIM types; the caller resolves them against the resource with a
/// closure. Several paths may fill one key; their values are concatenated in order.
public struct CategoryMapping: Sendable, Equatable {
    /// One path → key rule.
    public struct Entry: Sendable, Equatable, Hashable {
        /// The SCIM attribute path, e.g. `title` or
        /// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`.
        public var path: String
        /// The category it fills.
        public var key: CategoryKey

        /// Creates a rule.
        public init(path: String, key: CategoryKey) {
            self.path = path
            self.key = key
        }
    }

    /// The rules, in order.
    public var entries: [Entry]

    /// Creates a mapping.
    public init(_ entries: [Entry]) {
        self.entries = entries
    }

    /// The enterprise extension's schema URN (RFC 7643 §4.3).
    public static let enterpriseUserURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    /// The default: enterprise `department`, `division`, `organization`, `costCenter`,
    /// core `title` (Job title), and `addresses[type eq "work"].locality` (City).
    public static let `default` = CategoryMapping([
        Entry(path: enterpriseUserURN + ":department", key: .department),
        Entry(path: enterpriseUserURN + ":division", key: .division),
        Entry(path: enterpriseUserURN + ":organization", key: .organization),
        Entry(path: enterpriseUserURN + ":costCenter", key: .costCenter),
        Entry(path: "title", key: .jobTitle),
        Entry(path: #"addresses[type eq "work"].locality"#, key: .city),
    ])

    /// The keys this mapping fills: the identity provider owns their values.
    public var keys: Set<CategoryKey> { Set(entries.map(\.key)) }

    /// The category values of one resource: for each rule, `resolve(path)` gives the
    /// values at that path (empty when absent). Values are trimmed and deduplicated.
    public func categoryValues(resolve: (String) -> [String]) -> CategoryValues {
        var collected: [CategoryKey: [String]] = [:]
        for entry in entries {
            collected[entry.key, default: []] += resolve(entry.path)
        }
        return CategoryValues(collected)
    }
}

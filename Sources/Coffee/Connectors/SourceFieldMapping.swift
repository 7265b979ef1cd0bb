/// Which source fields the admin selected, and the category each becomes (issue 14:
/// "the admin selects which HR fields to import, and they become categories").
///
/// Several fields may fill one key; their values are concatenated in order. A field
/// the person lacks, or that is empty, leaves no value: the sync then clears that
/// category, since the listing is complete.
public struct SourceFieldMapping: Sendable, Equatable {
    /// One field → category rule.
    public struct Entry: Sendable, Equatable, Hashable {
        /// The field's name in ``SourcePerson/fields`` (`department`, `title`, `Xf0ABC`).
        public var field: String
        /// The category it fills.
        public var key: CategoryKey

        /// Creates a rule.
        public init(field: String, key: CategoryKey) {
            self.field = field
            self.key = key
        }
    }

    /// The rules, in order.
    public var entries: [Entry]

    /// Creates a mapping; empty imports no field.
    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    /// The keys this mapping fills.
    public var keys: Set<CategoryKey> { Set(entries.map(\.key)) }

    /// The category values of `person` for the mapped keys (trimmed, deduplicated; a
    /// mapped key with no value is absent).
    public func categoryValues(of person: SourcePerson) -> CategoryValues {
        var collected: [CategoryKey: [String]] = [:]
        for entry in entries {
            collected[entry.key, default: []] += person.fields[entry.field].map { [$0] } ?? []
        }
        return CategoryValues(collected)
    }
}

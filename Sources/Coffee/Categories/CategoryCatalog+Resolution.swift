/// How rules and audiences name a category: by key (`department`) or by label
/// (`Department`, `Job title`), ignoring case, accents and spaces — the same way
/// everywhere, so a name that works in an audience works in a rule.
extension CategoryCatalog {
    /// The key of the category `name` designates (its key or its label), or `nil`
    /// when no category of the catalog has that key or label.
    public func key(named name: String) -> CategoryKey? {
        if let exact = self[CategoryKey(name)] { return exact.key }
        return category(named: name)?.key
    }

    /// The catalog's keys with their labels, for an error that lists the known
    /// categories: `department (Department), jobTitle (Job title)`.
    public var knownKeysDescription: String {
        guard !categories.isEmpty else { return "none is defined" }
        return categories.map { "\($0.key.rawValue) (\($0.label))" }.joined(separator: ", ")
    }
}

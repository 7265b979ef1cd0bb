/// A label that audiences and matching rules use: City, Department, Job title…
/// (domain.md, "Categories").
///
/// A select category's ``knownValues`` grow as values arrive (``absorb(_:)``), compared
/// case-insensitively so `Paris` and `paris` are one value, spelled as first seen.
public struct Category: Sendable, Equatable, Identifiable {
    /// The stable key.
    public let key: CategoryKey
    /// The label shown to admins and members.
    public var label: String
    /// Single select, multi select or text.
    public var type: CategoryType
    /// The drop-down's values, in order of arrival; always empty for `text`.
    public private(set) var knownValues: [String]
    /// ``knownValues`` by their lowercased form, so a CSV import looks a cell's value up
    /// in constant time instead of lowercasing every known value for every row.
    private var spellings: [String: String] = [:]
    /// Who fills it.
    public var source: CategorySource
    /// Whether the identity provider fills it (true for IdP-sourced categories): its
    /// values stay the IdP's for the members the IdP provisions; an import or a manual
    /// add may fill it for other members; the Member Portal never edits it.
    public var isReadOnly: Bool
    /// Whether members may edit their own value in the Member Portal.
    public var isMemberEditable: Bool

    /// The key, as `Identifiable` wants.
    public var id: CategoryKey { key }

    /// Creates a category. IdP-sourced categories are read-only and not member-editable
    /// unless stated otherwise.
    public init(
        key: CategoryKey, label: String, type: CategoryType = .singleSelect,
        knownValues: [String] = [], source: CategorySource = .admin,
        isReadOnly: Bool? = nil, isMemberEditable: Bool? = nil
    ) {
        self.key = key
        self.label = label
        self.type = type
        self.knownValues = []
        self.source = source
        self.isReadOnly = isReadOnly ?? (source == .identityProvider)
        self.isMemberEditable = isMemberEditable ?? (source != .identityProvider)
        absorb(knownValues)
    }

    /// Adds the values not yet known (case-insensitively) and returns them, in order.
    /// A `text` category collects nothing.
    @discardableResult
    public mutating func absorb(_ values: [String]) -> [String] {
        guard type != .text else { return [] }
        var added: [String] = []
        for value in values {
            let trimmed = value.trimmingWhitespace()
            guard !trimmed.isEmpty else { continue }
            let lowered = trimmed.lowercased()
            guard spellings[lowered] == nil else { continue }
            spellings[lowered] = trimmed
            added.append(trimmed)
        }
        knownValues += added
        return added
    }

    /// The known value spelled as first seen, for a value in any case; `nil` if unknown.
    public func knownSpelling(of value: String) -> String? {
        spellings[value.lowercased()]
    }

    /// Checks that `values` fit the type: a single select takes at most one value.
    public func validate(_ values: [String]) throws(MemberError) {
        if type == .singleSelect, values.count > 1 { throw .tooManyValues(key, count: values.count) }
    }
}

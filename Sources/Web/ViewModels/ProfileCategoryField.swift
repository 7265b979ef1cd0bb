/// One category on the profile page: editable by the member (a drop-down, check boxes or a
/// text field) or owned by someone else (the identity provider, an import) and shown
/// read-only with its owner's name.
public struct ProfileCategoryField: Sendable, Hashable {
    /// How the category is edited.
    public enum Kind: Sendable, Hashable {
        /// One value among `options` (the known values), or none.
        case singleSelect(options: [String], selected: String?)
        /// Any number of `options`.
        case multiSelect(options: [String], selected: [String])
        /// Free text.
        case text(String)
    }

    /// The category key (the form field is ``PortalField/category(_:)``).
    public var key: String
    /// The category's name for people; untrusted (admins name categories).
    public var label: String
    /// Its kind and current value.
    public var kind: Kind
    /// Who owns the value when the member may not edit it ("Okta", "HR import"); nil for a
    /// member-editable category.
    public var owner: String?

    /// Creates a field.
    public init(key: String, label: String, kind: Kind, owner: String? = nil) {
        self.key = key
        self.label = label
        self.kind = kind
        self.owner = owner
    }

    /// Whether the member may edit it.
    public var isEditable: Bool { owner == nil }

    /// The current values, whatever the kind.
    public var currentValues: [String] {
        switch kind {
        case .singleSelect(_, let selected): selected.map { [$0] } ?? []
        case .multiSelect(_, let selected): selected
        case .text(let text): text.isEmpty ? [] : [text]
        }
    }
}

/// The **complete** listing of one source, as a connector client returns it after
/// reading every page. A client that fails on any page returns no listing at all, so
/// the planner only ever decides removals from a complete one (issue 14: "a run that
/// fails half-way deactivates nobody and changes nothing").
public struct SourceListing: Sendable, Equatable {
    /// Every person the source lists, in the source's order.
    public var people: [SourcePerson]
    /// How many pages were read to build it.
    public var pageCount: Int
    /// The fields the source offers for selection (``SourceFieldMapping``), by name,
    /// with the label the source shows, when it says.
    public var availableFields: [SourceField]

    /// Creates a listing from every page's people.
    public init(people: [SourcePerson], pageCount: Int = 1, availableFields: [SourceField] = []) {
        self.people = people
        self.pageCount = pageCount
        self.availableFields = availableFields
    }
}

/// A field a source offers, which the admin may select to become a category.
public struct SourceField: Sendable, Equatable, Hashable {
    /// The name in ``SourcePerson/fields``.
    public var name: String
    /// The label the source shows (the name when it has none).
    public var label: String

    /// Creates a field.
    public init(name: String, label: String? = nil) {
        self.name = name
        self.label = label ?? name
    }
}

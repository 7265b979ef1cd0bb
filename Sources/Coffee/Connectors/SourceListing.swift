/// The **complete** listing of one source, as a connector client returns it after
/// reading every page. A client that fails on any page returns no listing at all, so
/// the planner only ever decides removals from a complete one (issue 14: "a run that
/// fails half-way deactivates nobody and changes nothing").
public struct SourceListing: Sendable, Equatable {
    /// Every person the source lists, in the source's order.
    public var people: [SourcePerson]
    /// How many pages were read to build it.
    public var pageCount: Int

    /// Creates a listing from every page's people.
    public init(people: [SourcePerson], pageCount: Int = 1) {
        self.people = people
        self.pageCount = pageCount
    }
}

import SCIM

/// A list request (RFC 7644 §3.4.2): filter, sort and one page.
public struct ResourceQuery: Sendable {
    /// Only resources matching it, or all when `nil`. Validated against the type.
    public var filter: Filter?
    /// The attribute to sort on, or `nil` for creation order. Sortable: `id`,
    /// `externalId`, `userName`, `displayName`, `meta.created`, `meta.lastModified`
    /// (RFC 7644 §3.4.2.3). Ties, and every unsorted list, follow creation order, so
    /// pages are stable.
    public var sortBy: AttributePath?
    /// `sortOrder=ascending` (the default). Missing values sort last when ascending and
    /// first when descending (RFC 7644 §3.4.2.3).
    public var ascending: Bool
    /// The 1-based index of the first result (RFC 7644 §3.4.2.4); below 1 counts as 1.
    public var startIndex: Int
    /// The most results to return; capped by the store's `maxPageSize`. 0 returns only
    /// the total.
    public var count: Int
    /// Whether Groups carry `members` and Users `groups` (false for
    /// `excludedAttributes=members`).
    public var includeMembers: Bool
    /// A keyset page (RFC 9865 cursor paging) instead of one at `startIndex`: the page
    /// then carries its ``ResourcePage/next`` and ``ResourcePage/previous`` seeks.
    public var seek: ResourceSeek?
    /// The resource type filters and sorts are read against, when not the kind's own:
    /// a tenant's User type with its declared extensions (issue 15).
    public var resourceType: ResourceType?

    /// The resource type of the query for resources of `kind`.
    public func resourceType(of kind: ResourceKind) -> ResourceType { resourceType ?? kind.resourceType }

    /// A query; by default the first 100 resources in creation order, with members.
    public init(filter: Filter? = nil, sortBy: AttributePath? = nil, ascending: Bool = true,
                startIndex: Int = 1, count: Int = 100, includeMembers: Bool = true, seek: ResourceSeek? = nil) {
        self.filter = filter
        self.sortBy = sortBy
        self.ascending = ascending
        self.startIndex = startIndex
        self.count = count
        self.includeMembers = includeMembers
        self.seek = seek
    }
}

/// One page of a list (RFC 7644 §3.4.2: `totalResults`, `startIndex`, `Resources`).
public struct ResourcePage: Sendable, Equatable {
    /// How many resources match the filter in all.
    public var total: Int
    /// The 1-based index of the first resource of this page.
    public var startIndex: Int
    /// This page's resources.
    public var resources: [StoredResource]
    /// For a keyset page: where the next page starts, or `nil` when none follows.
    public var next: ResourceSeek?
    /// For a keyset page: where the previous page ends, or `nil` on the first page.
    public var previous: ResourceSeek?

    /// A page value.
    public init(total: Int, startIndex: Int, resources: [StoredResource],
                next: ResourceSeek? = nil, previous: ResourceSeek? = nil) {
        self.total = total
        self.startIndex = startIndex
        self.resources = resources
        self.next = next
        self.previous = previous
    }
}

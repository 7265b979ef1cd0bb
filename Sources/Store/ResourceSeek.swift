/// Where a keyset page (RFC 9865 cursor paging) starts: the resources just after, or just
/// before, a position of the list's order. The cost of a page is that of an index seek
/// plus the page, wherever the position is: there is no `OFFSET` to skip.
public enum ResourceSeek: Sendable, Hashable {
    /// The resources after `position` in the list's order; from the first when `nil`.
    case after(ResourcePosition?)
    /// The resources just before `position`, returned in the list's order.
    case before(ResourcePosition)
}

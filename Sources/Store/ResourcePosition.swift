/// Where one resource stands in a list's order: the key a cursor walk (RFC 9865) seeks
/// from, instead of an index that shifts when resources before it come or go.
///
/// The order is the one ``ResourceQuery`` describes: by the sort column (missing values
/// last when ascending, first when descending, RFC 7644 §3.4.2.3), then by creation
/// order (`seq`, unique and never reused), so every position is distinct and a walk
/// neither skips nor repeats a resource whose sort value does not change meanwhile.
public struct ResourcePosition: Sendable, Hashable {
    /// The resource's creation sequence number: the tie-breaker, unique in the database.
    public var seq: Int64
    /// The resource's value of the sort column, as the database orders it (userName and
    /// displayName folded, timestamps as fixed-width text); `nil` when it has none, or
    /// when the list is not sorted.
    public var key: String?

    /// A position.
    public init(seq: Int64, key: String? = nil) {
        self.seq = seq
        self.key = key
    }
}

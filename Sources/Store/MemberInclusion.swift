/// Which of a Group's members, or of a User's groups, a SCIM write returns with the
/// resource it wrote (read in the write's own transaction, so the answer needs no second
/// read).
public enum MemberInclusion: Sendable, Equatable {
    /// Neither members nor groups.
    case none
    /// A Group's members, a User's groups.
    case all
    /// A Group's members only while it has at most this many (`members` is `nil` beyond),
    /// read in a query bounded by the limit whatever the group's size; a User's groups.
    case atMost(Int)
}

/// One computed reference between a Group and a member: an element of a Group's
/// `members` or of a User's read-only `groups` (RFC 7643 §4.1.2, §4.2).
///
/// `display` is computed when read, from the referenced resource's current
/// `displayName` (or a User's `userName` when it has none), never stored.
public struct MemberReference: Sendable, Hashable {
    /// The referenced resource's `id`.
    public var value: String
    /// The referenced resource's type: `User` or `Group` for members (RFC 7643 §4.2).
    public var kind: ResourceKind
    /// A human-readable name of the referenced resource, if it has one.
    public var display: String?

    /// A reference value.
    public init(value: String, kind: ResourceKind, display: String?) {
        self.value = value
        self.kind = kind
        self.display = display
    }
}

/// One thing a SCIM write changed, as the provisioning log shows it: an attribute by name
/// (with its old and new values when it maps to a member field: `active`, names, email,
/// title…), the member's status (`status`: `active` → `inactive`), or a group's members
/// (`members`, with the ids added and removed, at most ``maxListedIDs`` of each).
public struct ProvisioningLogChange: Sendable, Equatable, Codable {
    /// The SCIM attribute path (`name.givenName`, `urn:…:User:department`), `status`, or
    /// `members`.
    public var attribute: String
    /// The value before, when shown.
    public var old: String?
    /// The value after, when shown.
    public var new: String?
    /// Member ids added (a group's `members`).
    public var added: [String]?
    /// Member ids removed (a group's `members`).
    public var removed: [String]?
    /// How many members were added and removed in all (the lists stop at ``maxListedIDs``).
    public var addedCount: Int?
    public var removedCount: Int?

    /// The most member ids listed per change.
    public static let maxListedIDs = 20

    /// A change of `attribute`, from `old` to `new` when they are shown.
    public init(attribute: String, old: String? = nil, new: String? = nil) {
        self.attribute = attribute
        self.old = old
        self.new = new
    }

    /// A group's membership change.
    public static func members(added: [String], removed: [String]) -> ProvisioningLogChange {
        var change = ProvisioningLogChange(attribute: "members")
        if !added.isEmpty {
            change.added = Array(added.prefix(maxListedIDs))
            change.addedCount = added.count
        }
        if !removed.isEmpty {
            change.removed = Array(removed.prefix(maxListedIDs))
            change.removedCount = removed.count
        }
        return change
    }
}

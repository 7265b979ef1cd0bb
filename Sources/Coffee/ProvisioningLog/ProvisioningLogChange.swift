/// One thing a SCIM write changed, as the provisioning log shows it: an attribute by name
/// (with its old and new values when it maps to a member field: `active`, names, email,
/// title…), the member's status (`status`: `active` → `inactive`), a group's members
/// (`members`, with the ids added and removed, at most ``maxListedIDs`` of each), the
/// program audiences a member joined and left (`audiences`, with program ids), or the
/// members who joined and left a program's audience (`audience:PROGRAM-ID`, with member
/// ids) when a group it is bound to changed.
public struct ProvisioningLogChange: Sendable, Equatable, Codable {
    /// The SCIM attribute path (`name.givenName`, `urn:…:User:department`), `status`, or
    /// `members`.
    public var attribute: String
    /// The value before, when shown.
    public var old: String?
    /// The value after, when shown.
    public var new: String?
    /// Ids added: member ids (`members`, `audience:…`) or program ids (`audiences`).
    public var added: [String]?
    /// Ids removed, as ``added``.
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
        listing(attribute: "members", added: added, removed: removed)
    }

    /// The program audiences (program ids) a member joined and left.
    public static func audiences(joined: [String], left: [String]) -> ProvisioningLogChange {
        listing(attribute: "audiences", added: joined, removed: left)
    }

    /// The members who joined and left the audience of program `program`.
    public static func audienceMembers(program: String, joined: [String], left: [String]) -> ProvisioningLogChange {
        listing(attribute: "audience:\(program)", added: joined, removed: left)
    }

    /// A change of `attribute` listing ids added and removed, at most ``maxListedIDs`` of
    /// each, with their counts.
    private static func listing(attribute: String, added: [String], removed: [String]) -> ProvisioningLogChange {
        var change = ProvisioningLogChange(attribute: attribute)
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

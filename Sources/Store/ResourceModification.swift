import SCIM

/// What a `ResourceStore.modify` closure decides (a SCIM PATCH, RFC 7644 §3.5.2): new
/// attributes and, for Groups, membership deltas.
///
/// The Store applies it in the same write transaction it read the resource in, and bumps
/// `version` and `lastModified` only if something really changed: the attributes differ
/// from the stored ones, or a member row was inserted or deleted. Adding one member to a
/// group of 10,000 inserts one row and updates the group's version; it neither loads the
/// other members nor rewrites the group's JSON.
public struct ResourceModification: Sendable {
    /// The new attributes, or `nil` to keep the stored ones. `id`, `meta`, `members` and
    /// `groups` in it are ignored: memberships change only through the fields below.
    public var attributes: JSONObject?
    /// Member ids to add to a Group (already present ones are skipped). Each must name a
    /// User or Group of the tenant, else the whole modification fails with
    /// `ResourceStoreError.unknownMember`.
    public var addedMembers: [String]
    /// Member ids to remove from a Group (absent ones are skipped).
    public var removedMembers: [String]
    /// When set, the Group's complete new member list (PATCH `replace` of `members`);
    /// applied before `addedMembers` and `removedMembers`.
    public var replacedMembers: [String]?
    /// The `display` the client sent with added or replacing members, by member id; kept
    /// and returned as given (members without one show the member's current name).
    public var memberDisplays: [String: String] = [:]

    /// A modification; every part defaults to "no change".
    public init(attributes: JSONObject? = nil, addedMembers: [String] = [], removedMembers: [String] = [],
                replacedMembers: [String]? = nil) {
        self.attributes = attributes
        self.addedMembers = addedMembers
        self.removedMembers = removedMembers
        self.replacedMembers = replacedMembers
    }

    /// Changes nothing (the version is not bumped).
    public static let unchanged = ResourceModification()
}

/// A group of members (a SCIM Group) used as a program audience.
public struct Group: Sendable, Equatable, Identifiable {
    /// Our identifier, also the SCIM `id`.
    public let id: GroupID
    /// The organisation.
    public let tenantID: TenantID
    /// The name shown to admins.
    public var displayName: String
    /// The members.
    public var memberIDs: Set<MemberID>
    /// How many transitions changed this group; 1 after creation.
    public var version: Int

    /// Creates a group.
    public init(id: GroupID, tenantID: TenantID, displayName: String, memberIDs: Set<MemberID> = [], version: Int = 1) {
        self.id = id
        self.tenantID = tenantID
        self.displayName = displayName
        self.memberIDs = memberIDs
        self.version = version
    }
}

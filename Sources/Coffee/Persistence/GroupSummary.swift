/// A SCIM group as the domain lists it: an audience and how many direct members it has.
public struct GroupSummary: Sendable, Equatable {
    /// The group's id (the SCIM id).
    public var id: GroupID
    /// Its display name.
    public var displayName: String
    /// Direct members (users and groups).
    public var memberCount: Int

    /// Creates a value.
    public init(id: GroupID, displayName: String, memberCount: Int) {
        self.id = id
        self.displayName = displayName
        self.memberCount = memberCount
    }
}

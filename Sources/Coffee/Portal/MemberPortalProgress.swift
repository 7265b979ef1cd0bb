import FoundationEssentials

/// How far a member got with the Member Portal: whether (and when) it signed in, and
/// whether it filled in every category it may edit (the seed's set-up order: "invite
/// people to fill in their own values for each category, then schedule the first
/// sessions once the list is complete").
public struct MemberPortalProgress: Sendable, Equatable {
    /// Its first sign-in (a portal session opened), if any.
    public var firstSignInAt: Date?
    /// Its latest sign-in, if any.
    public var lastSignInAt: Date?
    /// Whether it has a value for every member-editable category of its organisation
    /// (true when there is none).
    public var hasCompletedCategories: Bool

    /// Creates a value.
    public init(firstSignInAt: Date?, lastSignInAt: Date?, hasCompletedCategories: Bool) {
        self.firstSignInAt = firstSignInAt
        self.lastSignInAt = lastSignInAt
        self.hasCompletedCategories = hasCompletedCategories
    }

    /// Whether `member` has a value for every category of `catalog` members may edit.
    public static func hasCompletedCategories(_ member: Member, catalog: CategoryCatalog) -> Bool {
        catalog.categories.filter { $0.isMemberEditable && !$0.isReadOnly }
            .allSatisfy { !member.categoryValues[$0.key].isEmpty }
    }
}

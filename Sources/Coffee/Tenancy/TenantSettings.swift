import Foundation

/// The settings of one organisation that the member lifecycle reads (domain.md, "Tenants").
public struct TenantSettings: Sendable, Equatable {
    /// Whether a welcome email is requested when a member becomes active for the first
    /// time. Default `true`.
    public var sendsWelcomeEmail: Bool
    /// Whether members may open the Member Portal to edit their own data. Default `true`.
    public var isMemberPortalEnabled: Bool
    /// The email domains whose owners may sign up through the invitation link. Default
    /// empty: nobody may sign up through the link.
    public var allowedEmailDomains: AllowedEmailDomains
    /// The tenant's default IANA time zone identifier (`Europe/Paris`). Default `UTC`.
    public var timeZoneIdentifier: String
    /// How long a deprovisioned member's personal data is kept before it is purged.
    /// Default 30 days (``defaultRetention``).
    public var deprovisionedRetention: TimeInterval
    /// Which SCIM attribute paths fill which category. Default ``CategoryMapping/default``.
    public var categoryMapping: CategoryMapping
    /// Whether a member re-provisioned after deletion (same `externalId`) is re-linked to
    /// its old id and history instead of being a new member. Default `false` (domain.md,
    /// "Member data and privacy").
    public var relinksReprovisionedMembers: Bool
    /// What SCIM writes do with attributes no schema declares. Default
    /// ``UndeclaredAttributes/store``.
    public var undeclaredAttributes: UndeclaredAttributes
    /// How long the SCIM provisioning log keeps an entry. Default 30 days
    /// (``defaultRetention``).
    public var provisioningLogRetention: TimeInterval

    /// 30 days, in seconds: the default retention of deprovisioned members.
    public static let defaultRetention: TimeInterval = 30 * 24 * 60 * 60

    /// Settings with the documented defaults; override what the tenant chose.
    public init(
        sendsWelcomeEmail: Bool = true,
        isMemberPortalEnabled: Bool = true,
        allowedEmailDomains: AllowedEmailDomains = AllowedEmailDomains(),
        timeZoneIdentifier: String = "UTC",
        deprovisionedRetention: TimeInterval = TenantSettings.defaultRetention,
        categoryMapping: CategoryMapping = .default,
        relinksReprovisionedMembers: Bool = false,
        undeclaredAttributes: UndeclaredAttributes = .store,
        provisioningLogRetention: TimeInterval = TenantSettings.defaultRetention
    ) {
        self.sendsWelcomeEmail = sendsWelcomeEmail
        self.isMemberPortalEnabled = isMemberPortalEnabled
        self.allowedEmailDomains = allowedEmailDomains
        self.timeZoneIdentifier = timeZoneIdentifier
        self.deprovisionedRetention = deprovisionedRetention
        self.categoryMapping = categoryMapping
        self.relinksReprovisionedMembers = relinksReprovisionedMembers
        self.undeclaredAttributes = undeclaredAttributes
        self.provisioningLogRetention = provisioningLogRetention
    }
}
